"""The framework-neutral heart of Triptych: entities, rules, services and ports.

Nothing here imports a web framework or an ORM; adapters call the services in
``domain.services`` with a unit of work and render what they return.
"""
