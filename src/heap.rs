//! Where the process' memory goes back to the OS (glibc only; elsewhere these do nothing):
//! the binary's fixed mmap threshold, the trim after the archive is let go, and the heap
//! reuse while the analysis runs. Each states what it measured; they live together so that
//! the memory plan reads in one place (`cmd::report` says when each runs).

/// Allocations of 128 KiB and more (Polars columns, the archive, the extraction's lists) get
/// their own mapping, returned to the OS as soon as they are freed. glibc's default threshold
/// adapts upward to 32 MB after the first large free, after which such buffers land in the
/// heap, where their freed space is fragmented and stays resident. Measured on the 100 MiB
/// archive: peak resident memory 488 -> 438 MB, run time unchanged. `main` calls it first.
pub fn fixed_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets an allocator parameter; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Hands the heap pages freed so far back to the OS. glibc keeps freed small allocations
/// mapped for reuse, and a dropped corpus (hundreds of thousands of item strings) is mostly
/// left as holes later allocations cannot use: without this the freed archive stays
/// resident for the rest of the run. Measured at 100 MiB: peak 370 MB with it, 449 MB
/// without.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` has no preconditions; it only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// While alive, freed buffers up to 8 MiB stay in the heap for the next allocation, instead
/// of each going back to the OS (`main` maps every allocation of 128 KiB or more on its own,
/// and glibc trims the heap top past 128 KiB): the analysis' hundred-odd queries each
/// allocate and drop columns over the cells, and every fresh mapping is paid again in page
/// faults and page clearing (a fifth of the stage's profile samples). On drop, the
/// thresholds are set back and the freed memory returned (`malloc_trim`). Measured on the
/// 100 MiB archive (stages.sh, medians, 2 cores): analysing 0.362-0.379 -> 0.241-0.255 s
/// wall, 0.62-0.63 -> 0.43-0.45 CPU-s, outputs byte-identical, peak unchanged. At 1 GiB
/// (discovery on): analysing 5.11 -> 4.34-4.56 s, its peak RSS line 1852 -> 1885 MB. A
/// 32 MiB threshold was faster there (3.83-3.88 s) but raised that peak to 1991-2008 MB.
pub struct HeapReuse;

impl HeapReuse {
    pub fn start() -> Self {
        set_heap_thresholds(8 << 20, 512 << 20);
        HeapReuse
    }
}

impl Drop for HeapReuse {
    fn drop(&mut self) {
        set_heap_thresholds(128 * 1024, 128 * 1024);
        return_freed_memory();
    }
}

/// glibc's mmap and trim thresholds; on drop, [`HeapReuse`] sets back the binary's fixed
/// 128 KiB ([`fixed_mmap_threshold`]) and glibc's default trim threshold (128 KiB).
fn set_heap_thresholds(mmap: i32, trim: i32) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: once malloc is initialised, `mallopt` is thread-safe (it takes the main
    // arena's lock) and touches no memory Rust knows of; it only changes where later
    // allocations come from.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, mmap);
        libc::mallopt(libc::M_TRIM_THRESHOLD, trim);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (mmap, trim);
}
