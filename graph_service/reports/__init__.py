"""Printed packs and spreadsheets made from the analysis: presentation, not analysis.

:mod:`graph_service.reports.packs` renders candidate lists and disruption action lists as
self-contained HTML (its Jinja templates are in ``templates/``) and as CSV. It sits above
``analysis`` beside ``maps``; the dashboard and the CLI call it. The lists it renders are
personal data: callers audit every export, as they do every view.
"""
