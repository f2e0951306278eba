"""PDF reports built with reportlab. Qt-free: the UI hands data in, gets a file back."""
