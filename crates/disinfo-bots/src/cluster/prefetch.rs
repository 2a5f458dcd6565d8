//! Software prefetch for passes that read a large matrix in order but spend long enough on
//! each part that the processor's own prefetcher falls behind: the pass asks for the memory
//! of a part it will reach soon, and goes on without waiting for it.
//!
//! On the benchmark's million rows, K-Means' screen spent about half of its time waiting on
//! the first load of each group of rows (perf put 47 % of the kernel's samples just after it);
//! asking for the group four ahead took 15-17 % off the whole K-Means call, and asking for the
//! row sixteen ahead in k-means++' passes over the double-precision rows 5-8 % more. Passes
//! that do little with each row (the copy, the sums of the first pass, the medians' copy) and
//! the HDBSCAN spanning tree's leaves (asked for on entering them) measured no faster: they
//! are left to the processor.
//!
//! A prefetch is only a hint: it never faults and changes no value, so results are the same
//! with or without it (and on processors where it is a no-op here).

/// Values of a cache line of 64 bytes (at least one).
const fn per_line<T>() -> usize {
    let size = std::mem::size_of::<T>();
    if size == 0 || size >= 64 {
        1
    } else {
        64 / size
    }
}

/// Starts loading `values[from..from + len]` (the part within `values`) into the caches.
#[inline(always)]
pub(crate) fn prefetch<T>(values: &[T], from: usize, len: usize) {
    #[cfg(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse"
    ))]
    {
        let end = values.len().min(from.saturating_add(len));
        let mut at = from;
        while at < end {
            safe_arch::prefetch_t0(&values[at]);
            at += per_line::<T>();
        }
    }
    #[cfg(not(all(
        any(target_arch = "x86", target_arch = "x86_64"),
        target_feature = "sse"
    )))]
    let _ = (values, from, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetch_reads_nothing_outside_the_values_and_changes_none() {
        let values = vec![1.5f32; 100];
        prefetch(&values, 0, 100);
        prefetch(&values, 90, 1000);
        prefetch(&values, 100, 16);
        prefetch(&values, usize::MAX, usize::MAX);
        prefetch::<f64>(&[], 0, 8);
        prefetch(&[(); 4], 0, 4);
        assert!(values.iter().all(|&v| v == 1.5));
        assert_eq!(per_line::<f32>(), 16);
        assert_eq!(per_line::<[u8; 100]>(), 1);
    }
}
