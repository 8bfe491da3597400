"""The Conduit app: models on the shared tables, storage ports, serializers, views, admin."""
