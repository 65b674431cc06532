"""The web chat channel: a plain HTML page and a websocket onto the router."""
