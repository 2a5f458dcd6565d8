//! The random stream of numpy's legacy `RandomState(seed)`: what scikit-learn draws from when a
//! caller passes `random_state=<int>`.
//!
//! Drawing the same numbers as scikit-learn makes K-Means and the Gaussian mixture reproducible
//! across the two libraries: the same `random_state` gives the same k-means++ starting centres,
//! hence the same clusters and inertia (up to floating-point rounding in near ties).
//!
//! The generator is MT19937 (Matsumoto & Nishimura 1998) seeded with `init_genrand`; a double is
//! built from two 32-bit outputs as `(a >> 5) · 2²⁶ + (b >> 6)` over 2⁵³ (numpy's
//! `random_sample`). [`SklearnRng::choice_uniform`] is `RandomState.choice(n, p=ones/n)`: the
//! cumulative sum of `p` divided by its last value, searched (right side) for one uniform draw.

const N: usize = 624;
const M: usize = 397;

/// numpy's `RandomState` stream for a seed in `0..=2³²-1`.
pub(crate) struct SklearnRng {
    state: [u32; N],
    pos: usize,
}

impl SklearnRng {
    /// The stream of `RandomState(seed)`.
    pub(crate) fn new(seed: u32) -> SklearnRng {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            let prev = state[i - 1];
            state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        SklearnRng { state, pos: N }
    }

    fn refill(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        for i in 0..N {
            let y = (self.state[i] & UPPER) | (self.state[(i + 1) % N] & LOWER);
            let mut next = self.state[(i + M) % N] ^ (y >> 1);
            if y & 1 == 1 {
                next ^= MATRIX_A;
            }
            self.state[i] = next;
        }
        self.pos = 0;
    }

    /// The next 32-bit output (tempered).
    pub(crate) fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.refill();
        }
        let mut y = self.state[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A double in `[0, 1)` (numpy's `random_sample()`).
    pub(crate) fn random_sample(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `RandomState.choice(n, p=ones(n)/n)`: an index in `0..n`.
    pub(crate) fn choice_uniform(&mut self, n: usize) -> usize {
        // searchsorted(cdf / cdf[-1], u, side="right") with cdf = cumsum(p): the running sums
        // made twice (first for the last one) rather than stored.
        let p = 1.0 / n as f64;
        let last = (0..n).fold(0.0, |acc, _| acc + p);
        let u = self.random_sample();
        let mut acc = 0.0;
        (0..n)
            .position(|_| {
                acc += p;
                acc / last > u
            })
            .unwrap_or(n)
            .min(n.saturating_sub(1))
    }

    /// An integer in `0..n` for callers that need no parity with numpy (mini-batches).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.random_sample() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// A seed as scikit-learn's `random_state` accepts it.
pub(crate) fn seed(name: &str, value: u64) -> crate::Result<u32> {
    u32::try_from(value).map_err(|_| {
        super::bad(
            name,
            format!(
                "is {value}; a seed is between 0 and 4294967295, as scikit-learn's random_state"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mt19937_reference_outputs() {
        // The first outputs of init_genrand(5489), MT19937's reference seed.
        let mut rng = SklearnRng::new(5489);
        assert_eq!(rng.next_u32(), 3_499_211_612);
        assert_eq!(rng.next_u32(), 581_869_302);
        assert_eq!(rng.next_u32(), 3_890_346_734);
    }

    #[test]
    fn random_sample_is_numpys_for_seed_42() {
        // numpy.random.RandomState(42).random_sample(2)
        let mut rng = SklearnRng::new(42);
        assert_eq!(rng.random_sample(), 0.374_540_118_847_362_5);
        assert_eq!(rng.random_sample(), 0.950_714_306_409_916_2);
    }

    #[test]
    fn choice_is_numpys_for_seed_0() {
        // numpy.random.RandomState(0).choice(10, p=numpy.ones(10) / 10) == 5
        let mut rng = SklearnRng::new(0);
        assert_eq!(rng.choice_uniform(10), 5);
    }
}
