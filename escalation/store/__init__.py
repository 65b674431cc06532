"""The store: typed SQLAlchemy 2.0 models, query functions, engine lifecycle, Alembic migrations."""
