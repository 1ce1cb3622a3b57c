"""Placing the network on the globe: geocoding (online and offline) and great-circle geometry."""
