"""The network map: the selection's compact network payload, the constant folium base map with its offline
assets and basemap, and the layer that carries each selection to the browser (JavaScript in static/js/)."""
