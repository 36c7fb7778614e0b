"""The plan: typed models, YAML reading with lines, check rules, the workspace and its decree register."""
