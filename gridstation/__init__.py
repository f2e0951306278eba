"""GridStation (网格服务站工作台): the desktop workbench of a community grid service station."""

__version__ = "0.1.0"
APP_NAME = "GridStation"
