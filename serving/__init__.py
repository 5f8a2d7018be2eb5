"""Serving: the one Predictor used by the HTTP service and by batch scoring.

Imports ``features``; never imports ``training``.
"""
