"""Pure domain rules (no Qt, no database): codes, validation, password policy."""
