"""Rosette's demo world, loaded by ``manage.py load_demo`` (idempotent) through the services."""
