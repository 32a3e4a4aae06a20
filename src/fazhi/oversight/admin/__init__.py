"""The admin of 督察整改与任务台账, by area: lists scoped by core.access, every write through the oversight services
(fazhi.core.web.admin.ServiceAdmin), so the rules, their messages and the audit trail hold here too. Nothing is
deleted here: no admin class names a delete service."""

from . import inspections, rectification, task_plans  # noqa: F401  (registers the admin classes)
