//! Writes and moves that other readers (Obsidian, Syncthing) only ever see whole: a temp file
//! (`.runner-tmp-*`) in the destination folder, fsynced, renamed into place, and the folder
//! fsynced so the new name survives a power cut. Creating and moving never replace an
//! existing note (`renameat2(RENAME_NOREPLACE)`).

/// What a create-only write or a no-replace move found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// Done now.
    Placed,
    /// The destination already existed; nothing was changed.
    AlreadyThere,
    /// (Moves only) the source no longer exists.
    SourceGone,
}
