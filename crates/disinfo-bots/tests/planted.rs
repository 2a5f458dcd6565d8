//! Features and rule presets on the synthetic generator's planted populations.

use disinfo_bots::features::{FeatureOptions, compute};
use disinfo_bots::rules::{Rule, Verdict};
use disinfo_bots::synthetic::{Population, SyntheticConfig, generate};

#[test]
fn rule_presets_find_their_planted_populations() {
    let config = SyntheticConfig {
        organic: 2000,
        dormant_bots: 200,
        amplifiers: 100,
        ..SyntheticConfig::default()
    };
    let data = generate(&config).expect("generate");
    let m = compute(&data.accounts, &data.posts, &FeatureOptions::default()).expect("features");
    assert_eq!(
        m.account_ids[..data.accounts.len()],
        data.accounts
            .iter()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>()[..]
    );
    let hits = |name: &str, population: Population| -> (usize, usize) {
        let outcomes = Rule::preset(name)
            .expect("preset")
            .evaluate(&data.accounts, &m)
            .expect("evaluate");
        let mut inside = 0;
        let mut outside = 0;
        for (outcome, truth) in outcomes.iter().zip(&data.planted) {
            if outcome.verdict == Verdict::Pass {
                if truth.population == population {
                    inside += 1
                } else {
                    outside += 1
                }
            }
        }
        (inside, outside)
    };
    // Dormant bots with 0 followers and following > 0 pass; all planted dormant bots fit the rule.
    assert_eq!(hits("dormant_2019", Population::DormantBot), (200, 0));
    let (amplifiers, others) = hits("amplifier", Population::Amplifier);
    assert_eq!(amplifiers, 100, "every planted amplifier fits the preset");
    assert!(others <= 60, "{others} false positives"); // coordinated repost groups share the profile
}

#[test]
fn organic_handles_score_above_bot_handles_on_average() {
    let data = generate(&SyntheticConfig {
        organic: 500,
        dormant_bots: 500,
        amplifiers: 0,
        coordinated_groups: 0,
        ..SyntheticConfig::default()
    })
    .expect("generate");
    let m = compute(
        &data.accounts,
        &data.posts,
        &FeatureOptions {
            behaviour: false,
            ..FeatureOptions::default()
        },
    )
    .expect("features");
    let mean = |p: Population| {
        let v: Vec<f64> = data
            .planted
            .iter()
            .enumerate()
            .filter(|(_, t)| t.population == p)
            .map(|(i, _)| m.get(i, "handle_likelihood").expect("col"))
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean(Population::Organic) > 2.0 * mean(Population::DormantBot));
}

/// A writer whose every write fails, like a full disk.
struct FullDisk;

impl std::io::Write for FullDisk {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("No space left on device"))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn csv_to_a_failing_writer_is_a_write_error() {
    let config = SyntheticConfig {
        organic: 50,
        ..SyntheticConfig::default()
    };
    let data = generate(&config).expect("generate");
    let m = compute(&data.accounts, &data.posts, &FeatureOptions::default()).expect("features");
    let err = m.write_csv(FullDisk).expect_err("the writer fails");
    assert_eq!(err.code(), "io");
    let message = err.to_string();
    assert!(message.starts_with("cannot write <output>: "), "{message}");
    assert!(message.contains("No space left"), "{message}");
}
