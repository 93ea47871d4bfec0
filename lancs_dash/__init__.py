"""Lancashire Police & Crime Plan dashboard: loader, measure registry and page helpers."""
