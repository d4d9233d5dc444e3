"""Staff pages of the enforcement app, one module per concept."""
