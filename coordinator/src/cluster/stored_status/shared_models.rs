//! One copy of each distinct installed-model record and Ollama version string, shared by every
//! node that reports it. Records no node holds any more are dropped once the set has doubled
//! since the last sweep, so models that come and go do not accumulate.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use proto::v1::InstalledModel;

/// Sets this small are never swept: a fleet's models fit many times over.
const SWEEP_FLOOR: usize = 64;

/// An installed-model record as some node reported it, shared by every node reporting the
/// same one (field for field).
#[derive(Debug, PartialEq, Eq)]
pub struct SharedModel(InstalledModel);

impl SharedModel {
    pub fn model(&self) -> &InstalledModel {
        &self.0
    }
}

impl Deref for SharedModel {
    type Target = InstalledModel;

    fn deref(&self) -> &InstalledModel {
        &self.0
    }
}

// `InstalledModel` has no floating-point field, so field-for-field equality is an equivalence
// (`Eq` above), and hashing every field agrees with it.
impl Hash for SharedModel {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let model = &self.0;
        model.name.hash(state);
        model.size_bytes.hash(state);
        model.digest.hash(state);
        model.parameter_size.hash(state);
        model.quantization_level.hash(state);
        model.family.hash(state);
        model.modified_at.hash(state);
        model.capabilities.hash(state);
    }
}

/// The shared records and versions, owned by the cluster loop.
#[derive(Debug, Default)]
pub struct SharedModels {
    models: HashSet<Arc<SharedModel>>,
    versions: HashSet<Arc<str>>,
    /// How many records (versions) were left after the last sweep.
    models_kept: usize,
    versions_kept: usize,
}

impl SharedModels {
    /// The shared copy of `model`, stored now if no node reported it before.
    pub fn model(&mut self, model: InstalledModel) -> Arc<SharedModel> {
        let model = SharedModel(model);
        if let Some(shared) = self.models.get(&model) {
            return Arc::clone(shared);
        }
        sweep_if_grown(&mut self.models, &mut self.models_kept);
        let shared = Arc::new(model);
        self.models.insert(Arc::clone(&shared));
        shared
    }

    /// The shared copy of an Ollama version string ("0.12.3"; empty while unreachable).
    pub fn version(&mut self, version: &str) -> Arc<str> {
        if let Some(shared) = self.versions.get(version) {
            return Arc::clone(shared);
        }
        sweep_if_grown(&mut self.versions, &mut self.versions_kept);
        let shared: Arc<str> = Arc::from(version);
        self.versions.insert(Arc::clone(&shared));
        shared
    }

    /// How many distinct model records are stored.
    pub fn distinct_models(&self) -> usize {
        self.models.len()
    }
}

/// Drops the entries only `set` holds, once it has doubled since the last sweep (`kept` is
/// what that sweep left): each sweep is paid for by as many insertions, so storing stays O(1)
/// amortised.
fn sweep_if_grown<T: ?Sized + Eq + Hash>(set: &mut HashSet<Arc<T>>, kept: &mut usize) {
    if set.len() < SWEEP_FLOOR.max(2 * *kept) {
        return;
    }
    set.retain(|shared| Arc::strong_count(shared) > 1);
    *kept = set.len();
}
