"""Pure analysis over the typed pack data: RAG, direction of travel, changes, statistical process control."""
