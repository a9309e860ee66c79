//! Unit tests of the cluster loop, driven by events without processes or sockets.
