"""Convenience services (便民服务): help-and-proxy records, the catalogue, notice-board materials."""

from gridstation.ui.services.area import ServicesArea

__all__ = ["ServicesArea"]
