//! Writing a file that holds a secret (a pepper, a key, a session token) or that a
//! half-written copy would break (`config.toml`): one way, used by `cli` and `server`
//! alike, so the care is taken once.
//!
//! The bytes go to a temporary file in the target's directory (same file system, so
//! the final rename is atomic), created readable by its owner only (mode 0600 on Unix)
//! from the first instant: there is no window in which another user could open it. It
//! is flushed to disk, renamed over the target, and the directory is flushed too, so a
//! crash leaves either the old file or the new one, never a torn or empty one. If any
//! step fails, the temporary file is removed (`tempfile` deletes it on drop) and the
//! target is as it was.
//!
//! [`write`] replaces the target; [`write_new`] refuses to (for keys: replacing a
//! pepper silently would make every stored credential unusable), and still never shows
//! a partly written file under the target's name.

use std::io::{self, Write};
use std::path::Path;

/// Write `contents` to `path`, mode 0600, atomically replacing what was there.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temp = filled_temp_file(path, contents)?;
    temp.persist(path).map_err(|err| err.error)?;
    sync_dir(path)
}

/// Like [`write`], but fail with [`io::ErrorKind::AlreadyExists`] (and change nothing)
/// when `path` exists.
pub fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temp = filled_temp_file(path, contents)?;
    temp.persist_noclobber(path).map_err(|err| err.error)?;
    sync_dir(path)
}

/// A temporary file beside `path`, mode 0600 from its creation, holding `contents`
/// and flushed to disk. Dropped before it is persisted, it deletes itself.
fn filled_temp_file(path: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = parent_dir(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".millectl-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// The directory the file lives in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Make the rename itself durable: flush the directory entry.
#[cfg(unix)]
fn sync_dir(path: &Path) -> io::Result<()> {
    std::fs::File::open(parent_dir(path))?.sync_all()
}

/// Directories cannot be opened as files here; the rename is as durable as it gets.
#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn writes_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        write(&path, b"s3cret\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"s3cret\n");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        assert_eq!(names(dir.path()), ["secret"]);
    }

    #[test]
    fn replaces_atomically_and_narrows_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "old, longer than the new contents").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        #[cfg(unix)]
        let inode_before = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            // A new file renamed over the old one, not the old one rewritten in place:
            // a reader sees the whole old file or the whole new one.
            let inode_after =
                std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
            assert_ne!(inode_before, inode_after);
        }
        assert_eq!(names(dir.path()), ["config.toml"]);
    }

    #[test]
    fn write_new_refuses_an_existing_file_and_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pepper");
        write_new(&path, b"first").unwrap();
        let err = write_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(
            names(dir.path()),
            ["pepper"],
            "no temporary file left behind"
        );
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a non-empty directory: the rename over it fails.
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), "x").unwrap();
        assert!(write(&target, b"contents").is_err());
        assert_eq!(names(dir.path()), ["taken"]);
        assert_eq!(names(&target), ["inside"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("file");
        let err = write(&path, b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound, "{err}");
    }

    #[test]
    fn a_bare_file_name_lives_in_the_current_directory() {
        assert_eq!(parent_dir(Path::new("file")), Path::new("."));
        assert_eq!(parent_dir(Path::new("/a/file")), Path::new("/a"));
    }
}
