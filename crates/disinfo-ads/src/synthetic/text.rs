//! The words of the synthetic French ads of May 2019: campaign pages, funding associations and
//! ad bodies written the way European-election ads were (a call to vote on 26 May, a theme, a
//! poll, a public meeting). Lists, pages and associations are invented; every choice derives
//! from a number the caller draws from the seed, so the same ad reads the same in every
//! collection.

/// Invented electoral lists.
const LISTS: &[&str] = &[
    "Cap Europe 2019",
    "Europe des régions",
    "Voix citoyennes",
    "Alliance des territoires",
    "Écologie d'abord",
    "Souveraineté et progrès",
    "Nouvel élan européen",
    "Pour une Europe juste",
    "Initiative démocratique",
    "Horizon commun",
    "Le Choix du peuple",
    "Solidarité et travail",
];

const CITIES: &[&str] = &[
    "Paris",
    "Marseille",
    "Lyon",
    "Toulouse",
    "Nice",
    "Nantes",
    "Strasbourg",
    "Montpellier",
    "Bordeaux",
    "Lille",
    "Rennes",
    "Reims",
    "Le Havre",
    "Saint-Étienne",
    "Toulon",
    "Grenoble",
    "Dijon",
    "Angers",
    "Nîmes",
    "Villeurbanne",
    "Clermont-Ferrand",
    "Le Mans",
    "Aix-en-Provence",
    "Brest",
    "Tours",
    "Amiens",
    "Limoges",
    "Annecy",
    "Perpignan",
    "Metz",
    "Besançon",
    "Orléans",
    "Rouen",
    "Mulhouse",
    "Caen",
    "Nancy",
    "Argenteuil",
    "Roubaix",
    "Tourcoing",
    "Avignon",
];

const THEMES: &[&str] = &[
    "le climat",
    "l'emploi",
    "la sécurité",
    "nos agriculteurs",
    "la jeunesse",
    "les retraites",
    "le pouvoir d'achat",
    "nos frontières",
    "la transition écologique",
    "notre souveraineté",
    "l'hôpital public",
    "l'école",
    "le numérique",
    "les services publics",
    "l'industrie",
];

fn pick(list: &'static [&'static str], n: u64) -> &'static str {
    list[(n % list.len() as u64) as usize]
}

/// A name for entity `k` of many: a list with a city, numbered once the pairs run out.
fn list_and_city(k: u64) -> (&'static str, &'static str, u64) {
    let pairs = (LISTS.len() * CITIES.len()) as u64;
    let within = k % pairs;
    (
        pick(LISTS, within),
        pick(CITIES, within / LISTS.len() as u64),
        k / pairs,
    )
}

fn numbered(name: String, round: u64) -> String {
    if round == 0 {
        name
    } else {
        format!("{name} ({})", round + 1)
    }
}

/// The Facebook page of advertiser `page`: one name per page.
pub fn page_name(page: u64) -> String {
    let (list, city, round) = list_and_city(page);
    numbered(format!("{list} – {city}"), round)
}

/// The association that pays for the ads of `payer`: one name per payer.
pub fn funding_entity(payer: u64) -> String {
    let (list, city, round) = list_and_city(payer);
    numbered(
        format!("Association de financement de la liste {list} ({city})"),
        round,
    )
}

/// The body of an ad of `page`; `h` (random bits) picks the wording, the theme and the city.
pub fn body(page: u64, h: u64) -> String {
    let list = pick(LISTS, page);
    let theme = pick(THEMES, h >> 37);
    let city = pick(CITIES, h >> 43);
    let day = 6 + (h >> 49) % 19;
    match (h >> 53) % 8 {
        0 => format!(
            "Le 26 mai, votez {list} ! Aux élections européennes, défendons {theme} : une Europe qui protège."
        ),
        1 => format!(
            "Élections européennes du 26 mai : {list} s'engage pour {theme}. Chaque voix compte."
        ),
        2 => format!(
            "Dernier sondage : {list} progresse ! Ensemble, faisons entendre la voix de {city} en Europe."
        ),
        3 => format!(
            "Réunion publique à {city} le {day} mai avec les candidats de {list}. Venez débattre de {theme} et de l'avenir de l'Europe."
        ),
        4 => {
            format!("Pour {theme}, l'Europe doit changer. Le 26 mai, un seul vote utile : {list}.")
        }
        5 => format!(
            "Nos candidats aux européennes sillonnent la France : rendez-vous à {city} pour parler de {theme}."
        ),
        6 => format!(
            "Ne laissez pas les autres décider à votre place : le 26 mai, votez aux élections européennes. {list}, pour {theme}."
        ),
        _ => format!(
            "Pétition : {theme} mérite mieux que des promesses. Signez et soutenez {list} aux européennes."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_per_page_and_payer() {
        let pages: std::collections::HashSet<String> = (0..2_000).map(page_name).collect();
        assert_eq!(pages.len(), 2_000);
        let payers: std::collections::HashSet<String> = (0..2_000).map(funding_entity).collect();
        assert_eq!(payers.len(), 2_000);
    }

    #[test]
    fn bodies_are_french_election_ads_and_vary() {
        let bodies: Vec<String> = (0..400u64)
            .map(|n| body(n % 50, n.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
            .collect();
        let with = |word: &str| bodies.iter().filter(|b| b.contains(word)).count();
        assert!(with("européennes") > 150, "{}", with("européennes"));
        assert!(with("Europe") > 100 && with("sondage") > 20);
        let distinct: std::collections::HashSet<&String> = bodies.iter().collect();
        assert!(distinct.len() > 300);
    }
}
