"""Batch sync with the district server (protocol, outbox sending, pulls). No Qt."""
