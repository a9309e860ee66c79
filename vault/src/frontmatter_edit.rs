//! Setting properties in a note's frontmatter without touching anything else: the worker
//! rewrites only copies in the folders it owns (`processing/`, `done/`, `failed/`), never the
//! operator's note in `inbox/`.
