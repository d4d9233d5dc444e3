"""The client portal: each client's people follow their own cases, and nothing else."""
