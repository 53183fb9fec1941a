"""Review and deletion of records under MoPI (docs/retention.md), one step a module:

1. :mod:`~graph_service.analysis.retention.policy`: the retention policy as data, and the
   review date of a record (given in the intake, set by a decision, or computed by policy);
2. :mod:`~graph_service.analysis.retention.queue`: the records due for review, oldest overdue
   first, and decisions to retain one with a reason;
3. :mod:`~graph_service.analysis.retention.deletion`: deleting a person or a report, with
   their records, ties, evidence and what was computed from them, in one transaction.

The service lists and carries out; a named reviewer decides.
"""
