"""Custom Rasa NLU components that are not about risk (those live in escalation/risk/)."""
