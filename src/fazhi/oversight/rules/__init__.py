"""The rules of 督察整改与任务台账, by area: inspections, rectification, task_plans, circulars. Pure functions and
constants; every way in (services, ledgers, transitions, forms, admin, API) calls these, never a copy."""
