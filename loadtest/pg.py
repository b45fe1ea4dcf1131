"""Create, drop or probe the load test's PostgreSQL database: `pg.py exists|create|drop URL NAME`."""

import sys

import psycopg

action, server, name = sys.argv[1:4]
with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
    if action == "exists":
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        sys.exit(0 if found else 1)
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if action == "create":
        conn.execute(f'CREATE DATABASE "{name}"')
