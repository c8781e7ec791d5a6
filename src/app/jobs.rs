//! Background jobs: slow work (reading and planning a large sheet, backups, bulk writes) runs on a
//! thread; the frame polls the job and shows its progress, so the window never freezes.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, atomic::AtomicU32, atomic::Ordering};

/// A job running on a background thread, with its result arriving once.
pub struct Job<T> {
    rx: Receiver<T>,
    progress: Arc<AtomicU32>,
    /// What the job does, for the progress line.
    pub title: String,
}

/// Lets a job report how far it got, in thousandths.
#[derive(Clone)]
pub struct Progress(Arc<AtomicU32>);

impl Progress {
    /// Sets the fraction done (0.0 – 1.0).
    pub fn set(&self, fraction: f32) {
        self.0.store((fraction.clamp(0.0, 1.0) * 1000.0) as u32, Ordering::Relaxed);
    }
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread.
    pub fn spawn(title: impl Into<String>, work: impl FnOnce(&Progress) -> T + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        let progress = Arc::new(AtomicU32::new(0));
        let p = Progress(progress.clone());
        std::thread::spawn(move || {
            let result = work(&p);
            let _ = tx.send(result);
        });
        Self { rx, progress, title: title.into() }
    }

    /// The result if the job has finished; `Err(())` if its thread died without one.
    pub fn poll(&self) -> Option<Result<T, ()>> {
        match self.rx.try_recv() {
            Ok(v) => Some(Ok(v)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }

    /// The fraction done, 0.0 – 1.0.
    pub fn fraction(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / 1000.0
    }
}
