"""Qingxin custom actions (rasa_sdk), one module per concern.

`rasa run actions --actions actions` imports every module of this package. Nothing here does
work at import time: content files are read lazily, HTTP clients are created per call.
"""
