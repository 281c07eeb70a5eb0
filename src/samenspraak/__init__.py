"""Samenspraak: the Django project (apps in the subpackages, settings in `conf`)."""

import os

# One BLAS thread per process, set before anything loads numpy (this package is imported before
# the settings, the WSGI application and every command). Web workers are processes; the numpy
# work here (the outcome engine, opinion maps, sortition) is many small products, which OpenBLAS
# would spread over spinning threads at 15-70x the CPU on a busy machine (ADR 0005, 2026-12-06).
# An explicit OPENBLAS_NUM_THREADS is left alone.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
