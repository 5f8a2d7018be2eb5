"""Command-line entry point of reviewguard (``reviewguard --help``).

This small package only wires commands to ``training`` and ``serving``, which never import
each other.
"""
