"""Dataset building, training, evaluation and registration of the reviewguard models.

Imports ``features``; never imported by ``serving``.
"""
