//! The interface's words in French and English (the questionnaire brings its own labels).

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

impl Lang {
    /// `fr` or `en` from a code; `None` for any other.
    pub(crate) fn parse(code: &str) -> Option<Lang> {
        match code.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The first of French or English in an `Accept-Language` header.
    pub(crate) fn from_accept(header: &str) -> Option<Lang> {
        header
            .split(',')
            .find_map(|part| Lang::parse(part.split(';').next().unwrap_or("")))
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// What goes before a colon: a narrow space in French, nothing in English.
    pub(crate) fn colon(self) -> &'static str {
        match self {
            Lang::Fr => "\u{202f}:",
            Lang::En => ":",
        }
    }

    pub(crate) fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// The interface's text `key` in this language.
    pub(crate) fn t(self, key: Key) -> &'static str {
        let (fr, en) = match key {
            Key::Title => (
                "Revue citoyenne des publicités politiques",
                "Citizens' review of political ads",
            ),
            Key::Language => ("English", "Français"),
            Key::SignIn => ("Se connecter", "Sign in"),
            Key::Welcome => (
                "Cette invitation vous connecte à la campagne",
                "This invitation signs you in to the campaign",
            ),
            Key::OneTime => ("Le lien ne sert qu'une fois.", "The link works once."),
            Key::SignOut => ("Se déconnecter", "Sign out"),
            Key::NeedInvitation => (
                "Connectez-vous avec votre lien d'invitation.",
                "Sign in with your invitation link.",
            ),
            Key::Refused => ("Refusé", "Refused"),
            Key::Ad => ("Publicité", "Ad"),
            Key::Page => ("Page", "Page"),
            Key::Payer => ("Payé par", "Paid for by"),
            Key::Dates => ("Diffusion", "Shown"),
            Key::Spend => ("Dépense", "Spend"),
            Key::Impressions => ("Impressions", "Impressions"),
            Key::Countries => ("Pays", "Countries"),
            Key::Snapshot => (
                "Voir dans la bibliothèque publicitaire",
                "See it in the ad library",
            ),
            Key::Disappeared => (
                "A disparu de la bibliothèque depuis",
                "Has disappeared from the library since",
            ),
            Key::Changed => (
                "Son contenu a changé entre deux relevés",
                "Its content changed between two collections",
            ),
            Key::Present => ("Toujours dans la bibliothèque", "Still in the library"),
            Key::NoText => (
                "(pas de texte dans la bibliothèque)",
                "(no text in the library)",
            ),
            Key::Questions => ("Questionnaire", "Questionnaire"),
            Key::OnlyIf => ("seulement si", "only if"),
            Key::Submit => (
                "Enregistrer et passer à la suivante",
                "Save and go to the next",
            ),
            Key::Skip => ("Passer cette publicité", "Skip this ad"),
            Key::Shortcuts => (
                "Raccourcis\u{202f}: chiffres 1 à 9 pour les choix de la question en cours, Tab pour la question suivante, Entrée pour enregistrer, S pour passer.",
                "Shortcuts: digits 1 to 9 pick the choices of the current question, Tab moves to the next question, Enter saves, S skips.",
            ),
            Key::Progress => ("Votre progression", "Your progress"),
            Key::Answered => ("répondues", "answered"),
            Key::Skipped => ("passées", "skipped"),
            Key::Done => (
                "Plus aucune publicité à revoir pour vous. Merci !",
                "No ad left for you to review. Thank you!",
            ),
            Key::Owner => ("Tableau de bord de la campagne", "Campaign dashboard"),
            Key::Ads => ("publicités", "ads"),
            Key::Reviewed => ("revues", "reviewed"),
            Key::Complete => ("complètes", "complete"),
            Key::Reviewers => ("Relecteurs", "Reviewers"),
            Key::Reliability => ("Fiabilité (Dawid–Skene)", "Reliability (Dawid–Skene)"),
            Key::Agreement => ("Accord entre relecteurs", "Agreement between reviewers"),
            Key::Question => ("Question", "Question"),
            Key::Alpha => ("α de Krippendorff", "Krippendorff's α"),
            Key::Kappa => ("κ de Fleiss", "Fleiss' κ"),
            Key::Undefined => ("non défini", "undefined"),
            Key::Contested => ("Publicités contestées", "Contested ads"),
            Key::NoneYet => ("Aucune pour l'instant.", "None yet."),
            Key::Invite => ("Inviter un relecteur", "Invite a reviewer"),
            Key::Name => ("Nom", "Name"),
            Key::ValidDays => ("Valable (jours)", "Valid for (days)"),
            Key::Create => ("Créer l'invitation", "Create the invitation"),
            Key::InvitationFor => ("Lien d'invitation pour", "Invitation link for"),
            Key::SendPrivately => (
                "Envoyez-le à cette personne seulement : il la connecte une fois.",
                "Send it to this person only: it signs them in once.",
            ),
            Key::Export => ("Exports", "Exports"),
            Key::Errors => ("Corrigez ceci :", "Please fix this:"),
        };
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// The interface's texts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    Title,
    Language,
    SignIn,
    Welcome,
    OneTime,
    SignOut,
    NeedInvitation,
    Refused,
    Ad,
    Page,
    Payer,
    Dates,
    Spend,
    Impressions,
    Countries,
    Snapshot,
    Disappeared,
    Changed,
    Present,
    NoText,
    Questions,
    OnlyIf,
    Submit,
    Skip,
    Shortcuts,
    Progress,
    Answered,
    Skipped,
    Done,
    Owner,
    Ads,
    Reviewed,
    Complete,
    Reviewers,
    Reliability,
    Agreement,
    Question,
    Alpha,
    Kappa,
    Undefined,
    Contested,
    NoneYet,
    Invite,
    Name,
    ValidDays,
    Create,
    InvitationFor,
    SendPrivately,
    Export,
    Errors,
}
