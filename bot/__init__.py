"""The user-facing side of Qingxin: channels, router, Rasa client, settings."""
