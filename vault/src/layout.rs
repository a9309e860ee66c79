//! The worker's folders under `<vault>/Runner/`: `inbox/` is the operator's, the rest are the
//! worker's (DESIGN.md). Paths only; `ensure` creates what is missing.

use std::path::{Path, PathBuf};

/// The folders of `Runner/`, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Folder {
    Inbox,
    Processing,
    Done,
    Failed,
    Results,
    Conflicts,
}

impl Folder {
    pub const ALL: [Folder; 6] = [
        Folder::Inbox,
        Folder::Processing,
        Folder::Done,
        Folder::Failed,
        Folder::Results,
        Folder::Conflicts,
    ];

    /// The folder's name under `Runner/`.
    pub fn name(self) -> &'static str {
        match self {
            Folder::Inbox => "inbox",
            Folder::Processing => "processing",
            Folder::Done => "done",
            Folder::Failed => "failed",
            Folder::Results => "results",
            Folder::Conflicts => "conflicts",
        }
    }
}

/// `<vault>/Runner/` and its folders.
#[derive(Debug, Clone)]
pub struct RunnerFolders {
    vault: PathBuf,
}

impl RunnerFolders {
    pub fn new(vault: &Path) -> Self {
        Self {
            vault: vault.to_owned(),
        }
    }

    pub fn vault(&self) -> &Path {
        &self.vault
    }

    pub fn root(&self) -> PathBuf {
        self.vault.join("Runner")
    }

    pub fn path(&self, folder: Folder) -> PathBuf {
        self.root().join(folder.name())
    }

    /// The vault-relative wiki-link target of a note in `folder` ("Runner/done/why-sky"),
    /// without `.md`, so Obsidian resolves it however the note is named elsewhere.
    pub fn link_target(&self, folder: Folder, file_name: &str) -> String {
        let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
        format!("Runner/{}/{stem}", folder.name())
    }

    /// Creates `Runner/` and every folder that is missing.
    pub fn ensure(&self) -> std::io::Result<()> {
        for folder in Folder::ALL {
            std::fs::create_dir_all(self.path(folder))?;
        }
        Ok(())
    }
}
