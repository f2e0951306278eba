"""The Qt user interface: thin widgets and dialogs over gridstation.db and gridstation.domain."""
