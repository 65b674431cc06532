"""Hotline side: staff console, staff API and websocket, internal case endpoint, alerts, audit."""
