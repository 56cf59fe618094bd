@_exported import VergeEdge
