def serious_violations(results):
    """Axe violations of impact serious or critical, as readable strings."""
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
        if violation.get("impact") in {"serious", "critical"}
    ]
