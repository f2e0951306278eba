"""The work diary (工作日志) area: day pages, list, search, week summary."""
