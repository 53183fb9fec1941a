"""Speed goals, each measured against a baseline in the same run: ``python -m benchmarks.NAME``.

Run as modules from the project's root, so that ``import ingest`` finds the package and not
``benchmarks/ingest.py``. They set up through :mod:`ingest.testbed`, as the tests do.
"""
