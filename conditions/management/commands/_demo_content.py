"""Demo conditions and articles loaded by `manage.py load_demo`.

Pure data with no Django imports. ``CONDITIONS`` lists the demo conditions
(ICD-10-CM codes and related-condition slugs); ``ARTICLES`` lists the demo
articles with their review state, Markdown sections and references. Citations
such as [1] in a section body refer to the 1-based position of the entry in
that article's ``references`` list. An article in state ``approved_with_draft``
also carries a ``revision`` describing the newer draft's changes.

The text is written for demonstration only and is not medical advice.
"""

# Stands for the library id of the demo's illustration (_demo_images.py);
# load_demo puts the real id in when it writes the article.
MAST_CELL_DIAGRAM = "image:mast-cell-diagram"

CONDITIONS = [
    {
        "name": "Monoclonal mast cell activation syndrome",
        "slug": "monoclonal-mast-cell-activation-syndrome",
        "synonyms": "MMAS, clonal mast cell activation syndrome",
        "codes": ["D89.41"],
        "related": ["mast-cell-activation-syndrome", "advanced-systemic-mastocytosis"],
    },
    {
        "name": "Mast cell activation syndrome",
        "slug": "mast-cell-activation-syndrome",
        "synonyms": (
            "MCAS, idiopathic mast cell activation syndrome, secondary mast cell "
            "activation syndrome"
        ),
        "codes": ["D89.40", "D89.42", "D89.43"],
        "related": [
            "monoclonal-mast-cell-activation-syndrome",
            "advanced-systemic-mastocytosis",
        ],
    },
    {
        "name": "Advanced systemic mastocytosis",
        "slug": "advanced-systemic-mastocytosis",
        "synonyms": "AdvSM, aggressive systemic mastocytosis, mast cell leukemia",
        "codes": ["C96.21", "C94.30"],
        "related": [
            "monoclonal-mast-cell-activation-syndrome",
            "mast-cell-activation-syndrome",
        ],
    },
    {
        "name": "Macrophage activation syndrome",
        "slug": "macrophage-activation-syndrome",
        "synonyms": "MAS, secondary HLH",
        "codes": ["D76.1"],
        "related": ["hemophagocytic-lymphohistiocytosis"],
    },
    {
        "name": "Hemophagocytic lymphohistiocytosis",
        "slug": "hemophagocytic-lymphohistiocytosis",
        "synonyms": "HLH, familial hemophagocytic lymphohistiocytosis",
        "codes": ["D76.1"],
        "related": ["macrophage-activation-syndrome"],
    },
]

MAST_CELL_RESOURCES = [
    {
        "kind": "organisation",
        "name": "The Mast Cell Disease Society",
        "url": "https://tmsforacure.org/",
        "description": "US patient charity for mastocytosis and mast cell "
        "activation disorders.",
    },
    {
        "kind": "centre",
        "name": "European Competence Network on Mastocytosis",
        "url": "https://ecnm.net/",
        "description": "Network of specialist centres for mast cell diseases.",
    },
    {
        "kind": "organisation",
        "name": "National Organization for Rare Disorders",
        "url": "https://rarediseases.org/",
        "description": "Information and patient support across rare diseases.",
    },
]
HISTIOCYTOSIS_RESOURCES = [
    {
        "kind": "support_group",
        "name": "Histiocytosis Association",
        "url": "https://www.histio.org/",
        "description": "Support and information for families affected by HLH "
        "and other histiocytic disorders.",
    },
    {
        "kind": "organisation",
        "name": "National Organization for Rare Disorders",
        "url": "https://rarediseases.org/",
        "description": "Information and patient support across rare diseases.",
    },
]
RESOURCES = {
    "monoclonal-mast-cell-activation-syndrome": MAST_CELL_RESOURCES,
    "mast-cell-activation-syndrome": MAST_CELL_RESOURCES,
    "advanced-systemic-mastocytosis": MAST_CELL_RESOURCES,
    "macrophage-activation-syndrome": HISTIOCYTOSIS_RESOURCES,
    "hemophagocytic-lymphohistiocytosis": HISTIOCYTOSIS_RESOURCES,
}

ARTICLES = [
    {
        "condition": "monoclonal-mast-cell-activation-syndrome",
        "kind": "overview",
        "title": "Monoclonal mast cell activation syndrome: an overview",
        "slug": "monoclonal-mast-cell-activation-syndrome-overview",
        "summary": (
            "Monoclonal mast cell activation syndrome (MMAS) causes repeated episodes "
            "of mast cell activation, often severe allergy-like reactions, in people "
            "whose mast cells carry clonal markers but who do not meet the criteria "
            "for systemic mastocytosis."
        ),
        "state": "approved",
        "sections": [
            {
                "heading": "What is monoclonal mast cell activation syndrome?",
                "kind": "other",
                "body": (
                    "Mast cells are immune cells that live in the skin, the gut, the "
                    "airways and around blood vessels. When they are activated, they "
                    "release chemical messengers such as histamine, tryptase and "
                    "prostaglandins, which produce the familiar signs of an allergic "
                    "reaction.\n"
                    "\n"
                    "Monoclonal mast cell activation syndrome (MMAS) is one form of "
                    "*primary* mast cell activation syndrome. In MMAS, at least some "
                    "of a person's mast cells descend from a single abnormal clone. "
                    "This is usually shown by a change in the *KIT* gene or by unusual "
                    "markers on the cell surface. Unlike in systemic mastocytosis, the "
                    "clonal mast cells do not build up in the numbers or patterns "
                    "needed to meet the diagnostic criteria for mastocytosis [1], "
                    "[3].\n"
                    "\n"
                    "MMAS is uncommon. It is best thought of as sitting between "
                    "non-clonal mast cell activation syndrome and systemic "
                    "mastocytosis.\n"
                    "\n"
                    f"![]({MAST_CELL_DIAGRAM})"
                ),
            },
            {
                "heading": "Symptoms",
                "kind": "symptoms",
                "body": (
                    "Symptoms come in episodes and usually affect two or more body "
                    "systems at the same time [2]. Many people are first diagnosed "
                    "after a severe reaction, which may follow an insect sting or "
                    "occur with no obvious trigger.\n"
                    "\n"
                    "Common features during an episode include:\n"
                    "\n"
                    "- flushing, itching or hives\n"
                    "- lightheadedness, a fast heartbeat or fainting caused by a drop "
                    "in blood pressure\n"
                    "- wheezing, throat tightness or nasal congestion\n"
                    "- abdominal cramps, nausea, vomiting or diarrhea\n"
                    "\n"
                    "Some people also describe tiredness or poor concentration between "
                    "episodes, but these symptoms are common in many conditions and do "
                    "not by themselves point to a mast cell disorder. Reactions can be "
                    "life-threatening, so episodes of fainting or low blood pressure "
                    "need prompt medical assessment."
                ),
            },
            {
                "heading": "Causes",
                "kind": "causes",
                "body": (
                    "MMAS is caused by an acquired (somatic) change in mast cells, not "
                    "an inherited one. The change most often found is the *KIT* D816V "
                    "variant, which switches on a growth signal inside mast cells so "
                    "they survive and multiply without their usual cues [3]. The "
                    "abnormal cells may also carry the surface marker CD25, which "
                    "normal mast cells lack.\n"
                    "\n"
                    "Why these changes arise is not known, and MMAS is not thought to "
                    "run in families. Clonal mast cells appear to be more easily "
                    "triggered, so reactions may follow exposures that would not "
                    "bother most people, such as:\n"
                    "\n"
                    "- insect stings\n"
                    "- certain medicines, including some pain relievers, anesthetic "
                    "agents and contrast dyes\n"
                    "- alcohol, heat, friction, exercise or emotional stress\n"
                    "\n"
                    "Triggers differ widely from person to person, and some episodes "
                    "have no identifiable cause."
                ),
            },
            {
                "heading": "Diagnosis",
                "kind": "diagnosis",
                "body": (
                    "Diagnosis usually involves an allergist or immunologist, often "
                    "working with a hematologist. The first step is to confirm that "
                    "the episodes are caused by mast cell activation, using the "
                    "consensus criteria for mast cell activation syndrome [1]:\n"
                    "\n"
                    "1. typical, recurrent symptoms involving at least two organ "
                    "systems\n"
                    "2. a rise in a mast cell mediator during an episode, ideally "
                    "serum tryptase taken within a few hours of symptoms and compared "
                    "with the person's baseline level\n"
                    "3. a clear response to medicines that block mast cell mediators\n"
                    "\n"
                    "To show that the mast cells are clonal, doctors may test blood "
                    "for the *KIT* D816V variant with a sensitive method and may "
                    "recommend a bone marrow biopsy. MMAS is diagnosed when one or two "
                    "minor criteria for systemic mastocytosis are present, typically "
                    "the *KIT* variant and/or CD25-positive mast cells, but the full "
                    "criteria for mastocytosis are not met [3]."
                ),
            },
            {
                "heading": "Treatment",
                "kind": "treatment",
                "body": (
                    "MMAS cannot currently be cured, but most people can reduce how "
                    "often and how severely episodes occur. Treatment is tailored to "
                    "the person and usually combines:\n"
                    "\n"
                    "- **Trigger avoidance**, once personal triggers are identified.\n"
                    "- **Daily antihistamines** that block H1 and H2 receptors.\n"
                    "- **Other mediator-targeting medicines**, such as cromolyn sodium "
                    "or a leukotriene blocker, if symptoms continue.\n"
                    "- **Epinephrine auto-injectors** and a written emergency plan for "
                    "anyone who has had a severe reaction.\n"
                    "\n"
                    "People with clonal mast cells who have reacted to insect stings "
                    "are usually offered venom immunotherapy, which specialists often "
                    "advise continuing long term. Before surgery or other procedures, "
                    "the care team should know about the diagnosis so anesthesia can "
                    "be planned. For hard-to-control cases, specialists sometimes add "
                    "omalizumab."
                ),
            },
            {
                "heading": "Outlook",
                "kind": "outlook",
                "body": (
                    "Many people with MMAS lead full, active lives once the condition "
                    "is recognized and a management plan is in place. The main risk is "
                    "a severe reaction, so emergency preparedness matters as much as "
                    "daily medicine.\n"
                    "\n"
                    "Because MMAS involves clonal mast cells, specialists usually "
                    "recommend regular follow-up. This may include rechecking baseline "
                    "serum tryptase, reviewing symptoms and, if new findings appear, "
                    "repeating tests to look for systemic mastocytosis [3]. How often "
                    "MMAS progresses is not well established, so the monitoring "
                    "schedule is set individually.\n"
                    "\n"
                    "Bone health may also be reviewed, because systemic mastocytosis, "
                    "a closely related condition, is associated with osteoporosis. "
                    "Anyone with MMAS should seek emergency care for trouble "
                    "breathing, throat swelling or fainting."
                ),
            },
        ],
        "references": [
            {
                "authors": "Valent P, Akin C, Arock M, et al.",
                "title": (
                    "Definitions, criteria and global classification of mast cell "
                    "disorders with special reference to mast cell activation "
                    "syndromes: a consensus proposal"
                ),
                "source": "International Archives of Allergy and Immunology",
                "year": 2012,
                "doi": "10.1159/000328760",
                "pmid": "22041891",
                "url": "https://doi.org/10.1159/000328760",
            },
            {
                "authors": "Akin C, Valent P, Metcalfe DD.",
                "title": "Mast cell activation syndrome: proposed diagnostic criteria",
                "source": "Journal of Allergy and Clinical Immunology",
                "year": 2010,
                "doi": "10.1016/j.jaci.2010.08.035",
                "pmid": "21035176",
                "url": "https://doi.org/10.1016/j.jaci.2010.08.035",
            },
            {
                "authors": "Valent P, Akin C, Hartmann K, et al.",
                "title": (
                    "Updated diagnostic criteria and classification of mast cell "
                    "disorders: a consensus proposal"
                ),
                "source": "HemaSphere",
                "year": 2021,
                "doi": "10.1097/HS9.0000000000000646",
                "pmid": "34901755",
                "url": "https://doi.org/10.1097/HS9.0000000000000646",
            },
        ],
    },
    {
        "condition": "mast-cell-activation-syndrome",
        "kind": "overview",
        "title": "Mast cell activation syndrome: an overview",
        "slug": "mast-cell-activation-syndrome-overview",
        "summary": (
            "Mast cell activation syndrome (MCAS) is a condition in which mast cells "
            "repeatedly release chemical signals that cause allergy-like symptoms in "
            "several parts of the body at once. Diagnosis relies on agreed criteria, "
            "and treatment focuses on blocking these chemicals and avoiding triggers."
        ),
        "state": "approved_with_draft",
        "sections": [
            {
                "heading": "What is mast cell activation syndrome?",
                "kind": "other",
                "body": (
                    "Mast cells are part of the immune system. They sit in tissues "
                    "that face the outside world, such as the skin, airways and gut, "
                    "and they store and release chemical messengers, or mediators, "
                    "including histamine, tryptase, prostaglandins and leukotrienes.\n"
                    "\n"
                    "In mast cell activation syndrome (MCAS), mast cells release these "
                    "mediators in repeated bursts that affect more than one organ "
                    "system at a time. The result is a pattern of allergy-like attacks "
                    "that can range from uncomfortable to life-threatening [1].\n"
                    "\n"
                    "MCAS is a specific diagnosis with agreed criteria. Many other "
                    "conditions cause similar symptoms, so the label should be used "
                    "only after a careful evaluation. This helps people avoid both a "
                    "missed diagnosis and treatment they do not need [2]."
                ),
            },
            {
                "heading": "Symptoms",
                "kind": "symptoms",
                "body": (
                    "Symptoms typically come in episodes and involve two or more of "
                    "the following systems at once [1]:\n"
                    "\n"
                    "- **Skin:** flushing, itching, hives or swelling\n"
                    "- **Heart and circulation:** lightheadedness, a racing heart, low "
                    "blood pressure or fainting\n"
                    "- **Airways:** wheezing, throat tightness or nasal congestion\n"
                    "- **Digestive tract:** cramping, nausea, vomiting or diarrhea\n"
                    "\n"
                    "Episodes may be set off by heat, exercise, alcohol, certain "
                    "medicines, insect stings, infections or stress, although "
                    "sometimes no trigger is found. The most severe episodes meet the "
                    "definition of anaphylaxis.\n"
                    "\n"
                    "Long-standing, non-specific symptoms such as fatigue or brain fog "
                    "are not enough on their own to diagnose MCAS, because they have "
                    "many other possible causes."
                ),
            },
            {
                "heading": "Types and causes",
                "kind": "causes",
                "body": (
                    "Experts describe three main forms of MCAS, based on what is "
                    "driving the mast cells [1], [3]:\n"
                    "\n"
                    "- **Primary (clonal) MCAS:** mast cells carry an acquired *KIT* "
                    "change or other clonal markers. This includes monoclonal mast "
                    "cell activation syndrome and mast cell activation in systemic "
                    "mastocytosis.\n"
                    "- **Secondary MCAS:** another condition, most often an "
                    "IgE-mediated allergy, activates otherwise normal mast cells.\n"
                    "- **Idiopathic MCAS:** the criteria are met, but no clonal mast "
                    "cells or underlying cause can be found.\n"
                    "\n"
                    "An inherited trait called hereditary alpha-tryptasemia raises "
                    "baseline tryptase levels and may be linked with more severe "
                    "reactions in some people. It is not the same as MCAS, but doctors "
                    "may test for it during the evaluation [3]."
                ),
            },
            {
                "heading": "Diagnosis",
                "kind": "diagnosis",
                "body": (
                    "The widely used consensus criteria require all three of the "
                    "following [1]:\n"
                    "\n"
                    "1. Typical symptoms of recurrent, systemic mast cell activation "
                    "involving at least two organ systems.\n"
                    "2. Laboratory evidence of mast cell activation, preferably a rise "
                    "in serum tryptase during an episode to at least 20% above the "
                    "person's baseline plus 2 ng/mL. Other mediators, such as urinary "
                    "metabolites of histamine or prostaglandin D2, or leukotriene E4, "
                    "can support the diagnosis.\n"
                    "3. A clear improvement with medicines that block mast cell "
                    "mediators or their release.\n"
                    "\n"
                    "Timing matters. A blood sample for tryptase is ideally taken "
                    "within a few hours of an episode starting and compared with a "
                    "baseline level taken after symptoms have fully settled [2]. "
                    "Specialists may also look for clonal mast cells or an underlying "
                    "allergy to decide which type of MCAS is present."
                ),
            },
            {
                "heading": "Treatment",
                "kind": "treatment",
                "body": (
                    "Treatment aims to prevent episodes and to respond quickly when "
                    "they happen. Most plans combine [2]:\n"
                    "\n"
                    "- identifying and, where possible, avoiding personal triggers\n"
                    "- daily non-sedating H1 antihistamines, often with an H2 "
                    "antihistamine\n"
                    "- additional medicines such as cromolyn sodium or a leukotriene "
                    "blocker if symptoms continue\n"
                    "- epinephrine auto-injectors and a written action plan for anyone "
                    "at risk of anaphylaxis\n"
                    "\n"
                    "Medicines and doses are adjusted by a specialist over time. When "
                    "an underlying condition such as an allergy or mastocytosis is "
                    "driving the mast cells, treating that condition is also part of "
                    "care. Our separate treatment guide describes the medicine options "
                    "in more detail."
                ),
            },
            {
                "heading": "Outlook",
                "kind": "outlook",
                "body": (
                    "MCAS is usually a long-term condition, but with an accurate "
                    "diagnosis and a good treatment plan many people have fewer and "
                    "milder episodes over time. The outlook depends partly on the "
                    "type. People with secondary MCAS may improve a great deal once "
                    "the underlying allergy is managed, while those with clonal forms "
                    "need ongoing specialist follow-up.\n"
                    "\n"
                    "Severe reactions remain the most important risk. Carrying "
                    "epinephrine, wearing medical identification and telling every new "
                    "clinician about the diagnosis are simple steps that improve "
                    "safety.\n"
                    "\n"
                    "If the pattern of symptoms changes, for example with new bone "
                    "pain, weight loss or a steadily rising baseline tryptase, further "
                    "tests may be needed to look for another mast cell disorder [3]."
                ),
            },
        ],
        "references": [
            {
                "authors": "Valent P, Akin C, Arock M, et al.",
                "title": (
                    "Definitions, criteria and global classification of mast cell "
                    "disorders with special reference to mast cell activation "
                    "syndromes: a consensus proposal"
                ),
                "source": "International Archives of Allergy and Immunology",
                "year": 2012,
                "doi": "10.1159/000328760",
                "pmid": "22041891",
                "url": "https://doi.org/10.1159/000328760",
            },
            {
                "authors": "Weiler CR, Austen KF, Akin C, et al.",
                "title": (
                    "AAAAI Mast Cell Disorders Committee Work Group Report: mast cell "
                    "activation syndrome (MCAS) diagnosis and management"
                ),
                "source": "Journal of Allergy and Clinical Immunology",
                "year": 2019,
                "doi": "",
                "pmid": "31476322",
                "url": "",
            },
            {
                "authors": "Valent P, Akin C, Nedoszytko B, et al.",
                "title": (
                    "Diagnosis, classification and management of mast cell activation "
                    "syndromes (MCAS) in the era of personalized medicine"
                ),
                "source": "International Journal of Molecular Sciences",
                "year": 2020,
                "doi": "10.3390/ijms21239030",
                "pmid": "33261124",
                "url": "https://doi.org/10.3390/ijms21239030",
            },
        ],
        "revision": {
            "summary": (
                "Mast cell activation syndrome (MCAS) causes repeated episodes of "
                "allergy-like symptoms that affect several body systems at once. "
                "Diagnosis rests on agreed criteria, and most people improve with "
                "mediator-blocking medicines, trigger avoidance and an emergency plan."
            ),
            "extra_section": {
                "heading": "Living with mast cell activation syndrome",
                "kind": "living_with",
                "body": (
                    "Day-to-day life with MCAS often centers on learning your own "
                    "patterns. A simple symptom diary that notes foods, activities, "
                    "medicines, temperature changes and stress around each episode can "
                    "help you and your care team spot triggers. Avoid cutting out "
                    "whole food groups without professional advice, as unnecessary "
                    "restrictions can affect nutrition.\n"
                    "\n"
                    "Practical steps many people find helpful include:\n"
                    "\n"
                    "- keeping two epinephrine auto-injectors and your action plan "
                    "with you at all times\n"
                    "- taking daily medicines consistently, not only when symptoms "
                    "flare\n"
                    "- telling dentists, surgeons and anesthesiologists about your "
                    "diagnosis well before any procedure\n"
                    "- planning ahead for heat, exercise and travel, which can all be "
                    "triggers\n"
                    "\n"
                    "Living with an unpredictable condition can be stressful. Support "
                    "from family, patient organizations or a counselor can make a real "
                    "difference."
                ),
            },
        },
    },
    {
        "condition": "mast-cell-activation-syndrome",
        "kind": "treatment",
        "title": "Treating mast cell activation syndrome",
        "slug": "mast-cell-activation-syndrome-treatment",
        "summary": (
            "A guide to the main treatments for mast cell activation syndrome, from "
            "trigger avoidance and antihistamines to emergency epinephrine and "
            "specialist options for symptoms that are hard to control."
        ),
        "state": "approved",
        "sections": [
            {
                "heading": "Goals of treatment",
                "kind": "treatment",
                "body": (
                    "Treatment for mast cell activation syndrome (MCAS) has two goals: "
                    "to reduce how often and how severely episodes occur, and to make "
                    "sure that severe reactions are treated quickly and safely. No "
                    "single medicine works for everyone, so most people follow a "
                    "stepwise plan that their specialist adjusts over time [1].\n"
                    "\n"
                    "The approach depends on the type of MCAS. In secondary MCAS, "
                    "controlling the underlying allergy or condition is central. In "
                    "clonal and idiopathic MCAS, treatment focuses on blocking mast "
                    "cell mediators and reducing their release [2].\n"
                    "\n"
                    '> "We build the plan one layer at a time. Starting with one '
                    "well-chosen medicine and adding the next only when needed makes "
                    'it much easier to see what is actually helping."\n'
                    ">\n"
                    "> — a clinical immunologist on our advisory board"
                ),
            },
            {
                "heading": "Avoiding triggers",
                "kind": "living_with",
                "body": (
                    "Knowing your triggers is the foundation of care. Common ones "
                    "include heat or sudden temperature change, friction or pressure "
                    "on the skin, vigorous exercise, alcohol, insect stings, "
                    "infections, emotional stress and some medicines, such as certain "
                    "opioids, nonsteroidal anti-inflammatory drugs (NSAIDs) and "
                    "contrast agents [1].\n"
                    "\n"
                    "Triggers differ greatly between people. A medicine that causes a "
                    "reaction in one person may be well tolerated by another, so broad "
                    "avoidance lists can lead to unnecessary restrictions. A symptom "
                    "diary is often the most useful tool. If a needed medicine is a "
                    "suspected trigger, a specialist may be able to arrange a "
                    "supervised test dose rather than avoiding it altogether.\n"
                    "\n"
                    "Before surgery, dental work or imaging with contrast, tell the "
                    "team about your diagnosis so they can plan safer options and have "
                    "emergency treatment ready."
                ),
            },
            {
                "heading": "Medicines that target mast cell mediators",
                "kind": "treatment",
                "visibility": "members",
                "body": (
                    "Most people take a combination of medicines, chosen according to "
                    "their symptoms and, where known, which mediators are raised [1], "
                    "[2].\n"
                    "\n"
                    "| Medication class | Examples | What it targets |\n"
                    "| --- | --- | --- |\n"
                    "| H1 antihistamines (non-sedating) | cetirizine, fexofenadine, "
                    "loratadine | Histamine effects on skin, nose and blood vessels, "
                    "such as itching, hives and flushing |\n"
                    "| H2 antihistamines | famotidine | Histamine effects in the gut, "
                    "such as acid, cramping and nausea |\n"
                    "| Mast cell stabilizer | oral cromolyn sodium | Mediator release "
                    "from mast cells in the gut lining |\n"
                    "| Leukotriene modifiers | montelukast, zileuton | Leukotriene "
                    "effects, such as wheezing, congestion and flushing |\n"
                    "| Anti-IgE antibody | omalizumab | IgE-driven activation; used "
                    "for frequent or severe episodes |\n"
                    "\n"
                    "Specialists sometimes use antihistamines above standard doses, "
                    "but this should be done only under medical supervision. Oral "
                    "cromolyn can take several weeks to show a benefit, so it is "
                    "usually given a fair trial before deciding whether it works."
                ),
            },
            {
                "heading": "Emergency treatment",
                "kind": "treatment",
                "body": (
                    "Epinephrine (adrenaline) is the first treatment for anaphylaxis, "
                    "and antihistamines are not a substitute for it [1]. Anyone with "
                    "MCAS who has had a severe reaction, or who is judged to be at "
                    "risk, should:\n"
                    "\n"
                    "- carry two epinephrine auto-injectors at all times\n"
                    "- have a written emergency action plan shared with family, school "
                    "or workplace\n"
                    "- lie down with legs raised if they feel faint, or sit up if "
                    "breathing is difficult, rather than standing or walking\n"
                    "- call emergency services after using epinephrine, even if "
                    "symptoms improve\n"
                    "\n"
                    ":::help emergency\n"
                    "Use your auto-injector first, then call [999](tel:999) or your "
                    "local emergency number if you have swelling of the lips, tongue "
                    "or throat, noisy or difficult breathing, or you feel faint.\n"
                    ":::\n"
                    "\n"
                    ":::quote\n"
                    "An auto-injector only helps if it is with you and you are ready "
                    "to use it. We practise with a trainer device at every visit until "
                    "using it feels automatic.\n"
                    "-- Sam Ellis (demo) | RN, allergy nurse specialist | Condition "
                    "Site advisory board\n"
                    ":::"
                ),
            },
            {
                "heading": "When symptoms are hard to control",
                "kind": "treatment",
                "audience": "professionals",
                "body": (
                    "If symptoms continue despite a well-tolerated combination of "
                    "antihistamines, cromolyn and a leukotriene modifier, a specialist "
                    "may review the diagnosis and consider further steps [1], [2]:\n"
                    "\n"
                    "- **Rechecking the diagnosis.** Other conditions, including some "
                    "digestive, hormonal and neurological disorders, can mimic MCAS "
                    "and may need their own treatment.\n"
                    "- **Looking for clonal disease.** Testing for the *KIT* D816V "
                    "variant, and sometimes a bone marrow examination, can reveal "
                    "mastocytosis or monoclonal MCAS, which changes management.\n"
                    "- **Aspirin**, for selected people with prostaglandin-driven "
                    "flushing, started only under medical supervision because it can "
                    "itself trigger reactions.\n"
                    "- **Omalizumab**, which has reduced episodes in some people with "
                    "frequent or severe reactions.\n"
                    "\n"
                    "Long-term oral corticosteroids are generally avoided because of "
                    "their side effects."
                ),
            },
            {
                "heading": "Follow-up",
                "kind": "outlook",
                "body": (
                    "Regular review with an allergist or immunologist helps keep "
                    "treatment on track. At follow-up visits it is worth discussing:\n"
                    "\n"
                    "- how often episodes happen and how severe they are\n"
                    "- any side effects, such as drowsiness from antihistamines\n"
                    "- whether epinephrine has been used, and why\n"
                    "- upcoming procedures, pregnancy plans or new medicines\n"
                    "\n"
                    "Baseline serum tryptase may be repeated over time, particularly "
                    "in clonal forms of the condition [2], [3]. Medicines that have "
                    "not helped after a fair trial can often be stopped, which "
                    "lightens the overall treatment burden. The aim is the simplest "
                    "plan that keeps episodes infrequent and manageable.\n"
                    "\n"
                    ":::help urgent\n"
                    "Ask for an appointment within a day or two if episodes are "
                    "coming more often, a new medicine seems to make them worse, or "
                    "you needed epinephrine since your last visit.\n"
                    ":::\n"
                    "\n"
                    ":::help routine\n"
                    "Book a routine visit if side effects such as drowsiness bother "
                    "you, or before a planned operation, dental work or pregnancy.\n"
                    ":::"
                ),
            },
            {
                "heading": "Questions people ask",
                "kind": "faq",
                "body": (
                    ":::faq\n"
                    "? Will I need to take medicines for the rest of my life?\n"
                    "Not always. Many people settle on a small, steady plan, and "
                    "medicines that did not help after a fair trial can be stopped "
                    "with their doctor's advice.\n"
                    "? Can I still exercise?\n"
                    "Usually, yes. Start gently, avoid overheating, and keep your "
                    "auto-injector with you; a cool-down period helps some people.\n"
                    "? Should I tell my dentist or surgeon?\n"
                    "Yes. Tell them well before any procedure, so that they can plan "
                    "premedication and choose anaesthetic drugs less likely to "
                    "trigger a reaction [1].\n"
                    ":::"
                ),
            },
        ],
        "references": [
            {
                "authors": "Castells M, Butterfield J.",
                "title": (
                    "Mast cell activation syndrome and mastocytosis: initial treatment "
                    "options and long-term management"
                ),
                "source": "Journal of Allergy and Clinical Immunology: In Practice",
                "year": 2019,
                "doi": "10.1016/j.jaip.2019.02.002",
                "pmid": "30961835",
                "url": "https://doi.org/10.1016/j.jaip.2019.02.002",
            },
            {
                "authors": "Weiler CR, Austen KF, Akin C, et al.",
                "title": (
                    "AAAAI Mast Cell Disorders Committee Work Group Report: mast cell "
                    "activation syndrome (MCAS) diagnosis and management"
                ),
                "source": "Journal of Allergy and Clinical Immunology",
                "year": 2019,
                "doi": "",
                "pmid": "31476322",
                "url": "",
            },
            {
                "authors": "Valent P, Akin C, Nedoszytko B, et al.",
                "title": (
                    "Diagnosis, classification and management of mast cell activation "
                    "syndromes (MCAS) in the era of personalized medicine"
                ),
                "source": "International Journal of Molecular Sciences",
                "year": 2020,
                "doi": "10.3390/ijms21239030",
                "pmid": "33261124",
                "url": "https://doi.org/10.3390/ijms21239030",
            },
        ],
    },
    {
        "condition": "advanced-systemic-mastocytosis",
        "kind": "overview",
        "title": "Advanced systemic mastocytosis: an overview",
        "slug": "advanced-systemic-mastocytosis-overview",
        "summary": (
            "Advanced systemic mastocytosis is a group of rare blood cancers in which "
            "abnormal mast cells build up and damage organs such as the bone marrow, "
            "liver, spleen, gut or bones. Targeted medicines have widened the "
            "treatment options in recent years."
        ),
        "state": "approved",
        "sections": [
            {
                "heading": "What is advanced systemic mastocytosis?",
                "kind": "other",
                "body": (
                    "Systemic mastocytosis is a condition in which abnormal mast cells "
                    "multiply and collect in the bone marrow and other organs. Most "
                    "people have the indolent, slow-growing form. A smaller group has "
                    "*advanced* systemic mastocytosis (AdvSM), in which the mast "
                    "cells, or an accompanying blood cancer, interfere with how organs "
                    "work [1].\n"
                    "\n"
                    "The World Health Organization classification recognizes three "
                    "advanced subtypes [1], [3]:\n"
                    "\n"
                    "| Subtype | What it means |\n"
                    "| --- | --- |\n"
                    "| Aggressive systemic mastocytosis (ASM) | Mast cells infiltrate "
                    "organs and damage their function |\n"
                    "| Systemic mastocytosis with an associated hematologic neoplasm "
                    "(SM-AHN) | Mastocytosis occurs together with another blood "
                    "cancer, often a myeloid one |\n"
                    "| Mast cell leukemia (MCL) | Mast cells make up a large share of "
                    "the cells in the bone marrow |\n"
                    "\n"
                    "AdvSM is managed as a cancer by hematologists, ideally at centers "
                    "with experience in mastocytosis."
                ),
            },
            {
                "heading": "Symptoms",
                "kind": "symptoms",
                "body": (
                    "People with AdvSM can have two kinds of symptoms.\n"
                    "\n"
                    "**Symptoms from mast cell mediators** are similar to those of "
                    "other mast cell disorders: flushing, itching, abdominal cramps, "
                    "diarrhea and episodes of low blood pressure or anaphylaxis.\n"
                    "\n"
                    "**Symptoms from organ damage** are what set advanced disease "
                    "apart [1]:\n"
                    "\n"
                    "- tiredness, breathlessness, infections or bleeding caused by low "
                    "blood counts\n"
                    "- an enlarged liver or spleen, sometimes with fluid in the "
                    "abdomen\n"
                    "- weight loss and poor absorption of nutrients from the gut\n"
                    "- bone pain or fractures caused by damage to bone\n"
                    "\n"
                    "The skin lesions that are common in indolent disease are seen "
                    "less often in the advanced forms [1]. Any new or worsening "
                    "symptom should be reported to the care team, because it can "
                    "signal a change in the disease."
                ),
            },
            {
                "heading": "Causes",
                "kind": "causes",
                "body": (
                    "AdvSM is caused by acquired genetic changes in blood-forming stem "
                    "cells. It is not inherited, and it is not caused by anything a "
                    "person has done. In most adults with systemic mastocytosis, the "
                    "mast cells carry a change in the *KIT* gene called D816V [1]. "
                    "This change keeps a growth signal switched on, so mast cells "
                    "multiply and survive when they should not.\n"
                    "\n"
                    "In advanced disease, additional genetic changes are often "
                    "present, for example in the *SRSF2*, *ASXL1* or *RUNX1* genes. "
                    "These changes are linked with more aggressive behavior and are "
                    "common in people who also have an associated blood cancer [3].\n"
                    "\n"
                    "What causes these genetic changes to appear is not yet known. "
                    "AdvSM is rare and occurs mainly in adults."
                ),
            },
            {
                "heading": "Diagnosis",
                "kind": "diagnosis",
                "body": (
                    "Diagnosis is made by a hematologist and relies on a bone marrow "
                    "biopsy. The pathologist looks for dense clusters of mast cells "
                    "and for abnormal features such as spindle-shaped cells or the "
                    "surface markers CD25 or CD2. Other tests include [1], [3]:\n"
                    "\n"
                    "- serum tryptase, which is usually raised\n"
                    "- a sensitive test for the *KIT* D816V variant, often with a "
                    "wider panel of genes linked to blood cancers\n"
                    "- a complete blood count and liver tests\n"
                    "- imaging of the abdomen and bones\n"
                    "\n"
                    "To decide whether the disease is advanced, doctors look for organ "
                    "damage caused by mast cells, known as C-findings. Examples "
                    "include markedly low blood counts, liver dysfunction with fluid "
                    "in the abdomen, an enlarged spleen with low blood counts, "
                    "malabsorption with weight loss, and large areas of bone "
                    "destruction or fractures. The bone marrow is also examined "
                    "closely for a second blood cancer."
                ),
            },
            {
                "heading": "Treatment",
                "kind": "treatment",
                "body": (
                    "Treatment aims to reduce the number of abnormal mast cells, "
                    "reverse organ damage and control symptoms. Options include:\n"
                    "\n"
                    "- **KIT inhibitors.** Midostaurin, a multikinase inhibitor, led "
                    "to responses, including improvement in organ damage, in a large "
                    "international trial [2]. Avapritinib, a more selective inhibitor "
                    "of *KIT* D816V, is approved in some countries for certain adults "
                    "with AdvSM.\n"
                    "- **Other cytoreductive therapy**, such as cladribine or "
                    "interferon-alfa, for selected people.\n"
                    "- **Treatment of an associated blood cancer**, which may take "
                    "priority in SM-AHN.\n"
                    "- **Allogeneic stem cell transplant**, considered for some people "
                    "who are fit enough, particularly those with mast cell leukemia or "
                    "an associated blood cancer.\n"
                    "\n"
                    "Mediator symptoms are treated at the same time with "
                    "antihistamines and related medicines, and anyone at risk of "
                    "anaphylaxis should carry epinephrine. Taking part in a clinical "
                    "trial is often worth discussing."
                ),
            },
            {
                "heading": "Outlook",
                "kind": "outlook",
                "body": (
                    "The outlook for AdvSM varies widely. It depends on the subtype, "
                    "the extent of organ damage, whether there is an associated blood "
                    "cancer and which genetic changes are present [1], [3]. Aggressive "
                    "systemic mastocytosis generally follows a slower course than mast "
                    "cell leukemia, which is the most serious form.\n"
                    "\n"
                    "Targeted therapies have changed the picture over the past decade, "
                    "and some people now have long-lasting responses. Others need a "
                    "change of treatment if the disease stops responding. Specialist "
                    "centers use prognostic scoring systems to estimate risk and guide "
                    "decisions, including whether to consider a stem cell transplant.\n"
                    "\n"
                    "Ongoing care usually includes regular blood tests, tryptase "
                    "measurements and bone marrow checks, along with attention to bone "
                    "health, nutrition and quality of life."
                ),
            },
        ],
        "references": [
            {
                "authors": "Valent P, Akin C, Metcalfe DD.",
                "title": (
                    "Mastocytosis: 2016 updated WHO classification and novel emerging "
                    "treatment concepts"
                ),
                "source": "Blood",
                "year": 2017,
                "doi": "10.1182/blood-2016-09-731893",
                "pmid": "",
                "url": "https://doi.org/10.1182/blood-2016-09-731893",
            },
            {
                "authors": "Gotlib J, Kluin-Nelemans HC, George TI, et al.",
                "title": (
                    "Efficacy and safety of midostaurin in advanced systemic "
                    "mastocytosis"
                ),
                "source": "New England Journal of Medicine",
                "year": 2016,
                "doi": "",
                "pmid": "",
                "url": "",
            },
            {
                "authors": "Valent P, Akin C, Hartmann K, et al.",
                "title": (
                    "Updated diagnostic criteria and classification of mast cell "
                    "disorders: a consensus proposal"
                ),
                "source": "HemaSphere",
                "year": 2021,
                "doi": "10.1097/HS9.0000000000000646",
                "pmid": "34901755",
                "url": "https://doi.org/10.1097/HS9.0000000000000646",
            },
        ],
    },
    {
        "condition": "mast-cell-activation-syndrome",
        "kind": "question",
        "title": "How is back pain managed in mast cell activation syndrome?",
        "slug": "back-pain-in-mast-cell-activation-syndrome",
        "summary": (
            "Back pain in mast cell activation syndrome is assessed and treated much "
            "as it is in anyone else, with added care to keep mast cell activity "
            "controlled and to choose pain relief and procedures with possible "
            "triggers in mind."
        ),
        "state": "approved",
        "sections": [
            {
                "heading": "Short answer",
                "kind": "faq",
                "body": (
                    "Back pain in someone with mast cell activation syndrome (MCAS) "
                    "should first be assessed like back pain in anyone else, because "
                    "MCAS is rarely the whole explanation. Management then combines "
                    "standard measures, such as staying active and physical therapy, "
                    "with good control of mast cell activity and a careful choice of "
                    "pain relief [1], [2].\n"
                    "\n"
                    "Acetaminophen is usually well tolerated. NSAIDs and opioids are "
                    "not automatically off-limits, but they need an individual "
                    "decision because some can trigger reactions. Pain should not be "
                    "left untreated out of fear of a reaction, since pain and stress "
                    "can themselves act as triggers. Any injection or surgery on the "
                    "spine should be planned with the allergy and anesthesia teams."
                ),
            },
            {
                "heading": "First, find the cause",
                "kind": "diagnosis",
                "body": (
                    "Back pain is very common, and most of it is mechanical, coming "
                    "from muscles, joints or discs. New pain should not be put down to "
                    "MCAS without considering other causes.\n"
                    "\n"
                    "Seek prompt medical review for warning signs such as:\n"
                    "\n"
                    "- fever, unexplained weight loss or night sweats\n"
                    "- new weakness or numbness, or problems controlling the bladder "
                    "or bowels\n"
                    "- pain after a fall or injury, or sudden pain in someone with "
                    "known osteoporosis\n"
                    "- severe pain at night or at rest\n"
                    "\n"
                    "Bone involvement, including osteoporosis and vertebral fractures, "
                    "is a recognized feature of systemic mastocytosis, but it is not "
                    "an established feature of non-clonal MCAS [1], [3]. If a clonal "
                    "mast cell disorder is suspected or has not been ruled out, a "
                    "specialist may check baseline tryptase and test for *KIT* D816V, "
                    "and may arrange a bone density scan or spinal imaging."
                ),
            },
            {
                "heading": "Keep mast cell activity under control",
                "kind": "treatment",
                "body": (
                    "Well-controlled MCAS makes pain easier to manage and lowers the "
                    "chance that flares add to discomfort. Before adding pain "
                    "medicines, it is worth reviewing the anti-mediator plan with the "
                    "treating specialist [1], [2]:\n"
                    "\n"
                    "- regular non-sedating H1 antihistamines, often with an H2 "
                    "antihistamine\n"
                    "- oral cromolyn sodium or a leukotriene modifier if symptoms "
                    "persist\n"
                    "- a check that the epinephrine prescription and action plan are "
                    "up to date\n"
                    "\n"
                    "Doses should be changed only by the prescribing clinician. "
                    "Antihistamines and cromolyn are not pain relievers, and they "
                    "should not be expected to settle mechanical back pain. Their role "
                    "is to keep background mast cell activity low so that other "
                    "treatments can be used with more confidence."
                ),
            },
            {
                "heading": "Choosing pain relief",
                "kind": "treatment",
                "body": (
                    "Pain relief should be chosen with the person's own reaction "
                    "history in mind. A medicine that has been tolerated before can "
                    "usually be used again [1].\n"
                    "\n"
                    "| Option | Considerations in MCAS |\n"
                    "| --- | --- |\n"
                    "| Acetaminophen | Usually well tolerated and a common first "
                    "choice |\n"
                    "| NSAIDs, such as ibuprofen or naproxen | Can trigger reactions "
                    "in some people; often fine if tolerated before; a supervised "
                    "first dose may be advised if tolerance is unknown |\n"
                    "| Opioids | Some, such as morphine and codeine, can release "
                    "histamine directly; synthetic opioids such as fentanyl are less "
                    "likely to; use short term and only when needed |\n"
                    "| Heat or cold packs | Helpful for local pain; try briefly at "
                    "first, as temperature change can be a trigger |\n"
                    "| Physical therapy and graded activity | The mainstay for most "
                    "back pain; build up gradually and avoid deep or vigorous massage "
                    "if it provokes symptoms |\n"
                    "\n"
                    "Untreated pain is not a safe alternative."
                ),
            },
            {
                "heading": "Protecting bone health",
                "kind": "risk_factors",
                "body": (
                    "If tests show low bone density, especially in a clonal mast cell "
                    "disorder, treatment follows general bone health principles, "
                    "adapted by a specialist [1]:\n"
                    "\n"
                    "- adequate calcium and vitamin D, with levels checked where "
                    "appropriate\n"
                    "- weight-bearing and muscle-strengthening exercise as tolerated\n"
                    "- stopping smoking and limiting alcohol, which is also a common "
                    "mast cell trigger\n"
                    "- bone-protecting medicines, such as bisphosphonates, when "
                    "fracture risk is raised\n"
                    "\n"
                    "A vertebral fracture can cause sudden, severe back pain and needs "
                    "prompt assessment. Long courses of corticosteroids weaken bone, "
                    "which is one more reason they are used sparingly in mast cell "
                    "disorders."
                ),
            },
            {
                "heading": "Injections, surgery and anesthesia",
                "kind": "treatment",
                "audience": "professionals",
                "body": (
                    "Spinal injections, surgery and some imaging tests can expose a "
                    "person to several possible triggers at once, including anxiety, "
                    "pain, pressure, temperature change and medicines. With planning, "
                    "these procedures can usually be done safely [1], [2]:\n"
                    "\n"
                    "- tell the procedure and anesthesia teams about the diagnosis "
                    "well in advance\n"
                    "- share a list of past reactions and of medicines that were "
                    "tolerated\n"
                    "- follow any premedication plan agreed with the mast cell "
                    "specialist\n"
                    "- make sure emergency treatment, including epinephrine, is "
                    "immediately available\n"
                    "\n"
                    "Some drugs used during anesthesia, including certain muscle "
                    "relaxants, are more likely than others to release histamine, so "
                    "the anesthesiologist may choose alternatives."
                ),
            },
        ],
        "references": [
            {
                "authors": "Castells M, Butterfield J.",
                "title": (
                    "Mast cell activation syndrome and mastocytosis: initial treatment "
                    "options and long-term management"
                ),
                "source": "Journal of Allergy and Clinical Immunology: In Practice",
                "year": 2019,
                "doi": "10.1016/j.jaip.2019.02.002",
                "pmid": "30961835",
                "url": "https://doi.org/10.1016/j.jaip.2019.02.002",
            },
            {
                "authors": "Weiler CR, Austen KF, Akin C, et al.",
                "title": (
                    "AAAAI Mast Cell Disorders Committee Work Group Report: mast cell "
                    "activation syndrome (MCAS) diagnosis and management"
                ),
                "source": "Journal of Allergy and Clinical Immunology",
                "year": 2019,
                "doi": "",
                "pmid": "31476322",
                "url": "",
            },
            {
                "authors": "Valent P, Akin C, Nedoszytko B, et al.",
                "title": (
                    "Diagnosis, classification and management of mast cell activation "
                    "syndromes (MCAS) in the era of personalized medicine"
                ),
                "source": "International Journal of Molecular Sciences",
                "year": 2020,
                "doi": "10.3390/ijms21239030",
                "pmid": "33261124",
                "url": "https://doi.org/10.3390/ijms21239030",
            },
        ],
    },
    {
        # Approved, so that "MAS" (a search the site suggests) finds an answer.
        "condition": "macrophage-activation-syndrome",
        "kind": "question",
        "title": (
            "How is macrophage activation syndrome recognised in systemic "
            "juvenile idiopathic arthritis?"
        ),
        "slug": "recognising-mas-in-systemic-jia",
        "summary": (
            "Suspect macrophage activation syndrome (MAS) when a child with systemic "
            "juvenile idiopathic arthritis has a fever that will not settle and a "
            "very high or rising ferritin, especially if platelets and fibrinogen "
            "are falling. It is an emergency that needs specialist care the same day."
        ),
        "state": "approved",
        "sections": [
            {
                "heading": "Short answer",
                "kind": "faq",
                "body": (
                    "Think of MAS in any child or young person with systemic juvenile "
                    "idiopathic arthritis (sJIA), known or suspected, whose fever "
                    "becomes continuous instead of spiking once or twice a day, and "
                    "whose ferritin is very high or climbing. The diagnosis rests on "
                    "the pattern and direction of blood tests over hours to days, "
                    "not on any single result [1], [2]."
                ),
            },
            {
                "heading": "Which findings point to MAS?",
                "kind": "diagnosis",
                "body": (
                    "The international classification criteria published in 2016 "
                    "ask for a feverish patient with known or suspected sJIA and a "
                    "ferritin above 684 ng/mL, together with at least two of the "
                    "following [1]:\n"
                    "\n"
                    "| Test | Finding that counts |\n"
                    "|---|---|\n"
                    "| Platelet count | 181 × 10⁹/L or lower |\n"
                    "| Aspartate aminotransferase (AST) | above 48 U/L |\n"
                    "| Triglycerides (fasting) | above 156 mg/dL |\n"
                    "| Fibrinogen | 360 mg/dL or lower |\n"
                    "\n"
                    "These criteria were built to classify patients for research, "
                    "so a child who does not yet meet them may still be developing "
                    "MAS. Clues at the bedside include a rash that stops coming and "
                    "going, an enlarging liver or spleen, bruising or bleeding, and "
                    "new confusion, drowsiness or seizures. An erythrocyte "
                    "sedimentation rate that falls while the child gets sicker is a "
                    "classic warning sign: fibrinogen is being used up faster than "
                    "it is made [2]."
                ),
            },
            {
                "heading": "What happens next?",
                "kind": "treatment",
                "body": (
                    "MAS is treated in hospital by a team experienced with it, "
                    "usually paediatric rheumatology working with intensive care "
                    "and haematology. Infection and cancer are looked for at the "
                    "same time, because both can trigger or imitate MAS. First-line "
                    "treatment is high-dose glucocorticoids; ciclosporin and "
                    "interleukin-1 blockade with anakinra are often added, and "
                    "medicines that block interferon gamma are used in some cases "
                    "that do not respond [2].\n"
                    "\n"
                    "Families of children with sJIA should know to seek help "
                    "quickly for a fever that does not come down, unusual "
                    "bleeding or bruising, or a change in alertness."
                ),
            },
        ],
        "references": [
            {
                "authors": "Ravelli A, Minoia F, Davì S, et al.",
                "title": (
                    "2016 classification criteria for macrophage activation syndrome "
                    "complicating systemic juvenile idiopathic arthritis: a European "
                    "League Against Rheumatism/American College of "
                    "Rheumatology/Paediatric Rheumatology International Trials "
                    "Organisation collaborative initiative"
                ),
                "source": "Annals of the Rheumatic Diseases",
                "year": 2016,
                "doi": "10.1136/annrheumdis-2015-208982",
                "pmid": "26865703",
                "url": "",
            },
            {
                "authors": "Henderson LA, Cron RQ.",
                "title": (
                    "Macrophage activation syndrome and secondary hemophagocytic "
                    "lymphohistiocytosis in childhood inflammatory disorders: "
                    "diagnosis and management"
                ),
                "source": "Paediatric Drugs",
                "year": 2020,
                "doi": "10.1007/s40272-019-00367-1",
                "pmid": "31732958",
                "url": "",
            },
        ],
    },
    {
        "condition": "macrophage-activation-syndrome",
        "kind": "overview",
        "title": "Macrophage activation syndrome: an overview",
        "slug": "macrophage-activation-syndrome-overview",
        "summary": (
            "Macrophage activation syndrome (MAS) is a serious, potentially "
            "life-threatening complication of some rheumatic diseases, in which an "
            "overactive immune response causes fever, falling blood counts and organ "
            "damage. It is a form of secondary hemophagocytic lymphohistiocytosis and "
            "needs urgent hospital treatment."
        ),
        "state": "submitted",
        "sections": [
            {
                "heading": "What is macrophage activation syndrome?",
                "kind": "other",
                "body": (
                    "Macrophage activation syndrome (MAS) is a severe episode of "
                    "uncontrolled inflammation. Immune cells called T cells and "
                    "macrophages become overactivated and release large amounts of "
                    "inflammatory proteins, sometimes described as a cytokine storm. "
                    "The inflammation can damage the liver, bone marrow, blood "
                    "clotting system and brain [2].\n"
                    "\n"
                    "MAS is considered a form of secondary hemophagocytic "
                    "lymphohistiocytosis (HLH), a group of hyperinflammatory "
                    "syndromes. The name MAS is mainly used when the condition "
                    "develops as a complication of a rheumatic disease [2], [3].\n"
                    "\n"
                    "MAS is a medical emergency. It can develop over days and may be "
                    "mistaken for a flare of the underlying illness or for sepsis, so "
                    "early recognition and treatment are essential."
                ),
            },
            {
                "heading": "Who is at risk?",
                "kind": "risk_factors",
                "body": (
                    "MAS most often occurs in people who already have certain "
                    "inflammatory or autoimmune conditions [2], [3]:\n"
                    "\n"
                    "- **Systemic juvenile idiopathic arthritis (sJIA)**, the "
                    "condition most strongly linked with MAS\n"
                    "- **Adult-onset Still's disease**, which is closely related to "
                    "sJIA\n"
                    "- **Systemic lupus erythematosus**\n"
                    "- **Kawasaki disease** and some other inflammatory conditions, "
                    "less often\n"
                    "\n"
                    "MAS can appear when the underlying disease is first diagnosed, "
                    "during a flare, or after a trigger such as an infection, often a "
                    "viral one, or a change in medication. Some people with MAS carry "
                    "variants in genes linked with familial HLH, which may add to "
                    "their susceptibility, but in most cases no single genetic cause "
                    "is found."
                ),
            },
            {
                "heading": "Symptoms",
                "kind": "symptoms",
                "body": (
                    "MAS can look at first like a flare of the underlying disease or a "
                    "severe infection. Typical features include [3]:\n"
                    "\n"
                    "- persistent high fever, often continuous rather than coming and "
                    "going\n"
                    "- feeling very unwell, with fatigue or poor appetite\n"
                    "- an enlarged liver, spleen or lymph nodes\n"
                    "- easy bruising, nosebleeds or other bleeding\n"
                    "- rash\n"
                    "- confusion, headache, irritability or seizures in severe cases\n"
                    "\n"
                    "Blood tests often change before symptoms become severe. A falling "
                    "platelet count, rising ferritin and liver enzymes, and falling "
                    "fibrinogen in someone with active rheumatic disease should raise "
                    "concern, even when each value is still close to the normal range."
                ),
            },
            {
                "heading": "Diagnosis",
                "kind": "diagnosis",
                "body": (
                    "There is no single test for MAS. Doctors combine the clinical "
                    "picture with blood tests and pay close attention to how results "
                    "change over time.\n"
                    "\n"
                    "For MAS complicating sJIA, the 2016 EULAR/ACR/PRINTO "
                    "classification criteria are widely used. A patient with fever and "
                    "known or suspected sJIA is classified as having MAS if ferritin "
                    "is above 684 ng/mL and at least two of the following are present "
                    "[1]:\n"
                    "\n"
                    "- platelet count of 181 × 10⁹/L or lower\n"
                    "- aspartate aminotransferase (AST) above 48 U/L\n"
                    "- triglycerides above 156 mg/dL\n"
                    "- fibrinogen of 360 mg/dL or lower\n"
                    "\n"
                    "Other useful clues include a falling erythrocyte sedimentation "
                    "rate despite ongoing inflammation, a raised D-dimer and raised "
                    "soluble CD25. A bone marrow examination may show hemophagocytosis "
                    "but is not required. The HLH-2004 criteria, developed for "
                    "familial HLH, tend to be less sensitive early in MAS."
                ),
            },
            {
                "heading": "Treatment",
                "kind": "treatment",
                "body": (
                    "MAS is treated in hospital, often with input from rheumatology, "
                    "hematology and intensive care teams. Treatment should start "
                    "promptly, sometimes before every test result is back [2], [3].\n"
                    "\n"
                    "Common approaches include:\n"
                    "\n"
                    "- **High-dose corticosteroids**, often given intravenously, as "
                    "the usual first step\n"
                    "- **Anakinra**, which blocks interleukin-1 and is increasingly "
                    "used early\n"
                    "- **Cyclosporine**, which dampens T-cell activation\n"
                    "- **Emapalumab**, an antibody against interferon-gamma, in some "
                    "cases that do not respond to first-line treatment\n"
                    "- **Etoposide**-based treatment, reserved for severe or "
                    "refractory cases\n"
                    "\n"
                    "Supportive care is just as important. It may include treating any "
                    "infection, blood products for bleeding or clotting problems, and "
                    "organ support. Once the episode is controlled, doctors review the "
                    "treatment of the underlying rheumatic disease to lower the risk "
                    "of another episode."
                ),
            },
            {
                "heading": "Outlook",
                "kind": "outlook",
                "body": (
                    "MAS can be fatal, but outcomes are much better when it is "
                    "recognized early and treated promptly. Recovery can take weeks, "
                    "and some people need intensive care during the acute illness.\n"
                    "\n"
                    "MAS can come back, particularly if the underlying disease becomes "
                    "active again. Follow-up therefore focuses on keeping the "
                    "rheumatic disease well controlled and on watching for early "
                    "warning signs, such as a persistent fever or a falling platelet "
                    "count [2].\n"
                    "\n"
                    "Patients and families should know how to reach their care team "
                    "quickly and should seek urgent help for high fever, bleeding, "
                    "confusion or a sudden decline. Several medicines used for MAS "
                    "suppress the immune system, so advice on preventing infection and "
                    "on vaccinations is also an important part of follow-up."
                ),
            },
        ],
        "references": [
            {
                "authors": "Ravelli A, Minoia F, Davì S, et al.",
                "title": (
                    "2016 classification criteria for macrophage activation syndrome "
                    "complicating systemic juvenile idiopathic arthritis: a European "
                    "League Against Rheumatism/American College of "
                    "Rheumatology/Paediatric Rheumatology International Trials "
                    "Organisation collaborative initiative"
                ),
                "source": "Annals of the Rheumatic Diseases",
                "year": 2016,
                "doi": "10.1136/annrheumdis-2015-208982",
                "pmid": "26865703",
                "url": "https://doi.org/10.1136/annrheumdis-2015-208982",
            },
            {
                "authors": "Grom AA, Horne A, De Benedetti F.",
                "title": (
                    "Macrophage activation syndrome in the era of biologic therapy"
                ),
                "source": "Nature Reviews Rheumatology",
                "year": 2016,
                "doi": "",
                "pmid": "",
                "url": "",
            },
            {
                "authors": "Henderson LA, Cron RQ.",
                "title": (
                    "Macrophage activation syndrome and secondary hemophagocytic "
                    "lymphohistiocytosis in childhood inflammatory disorders: "
                    "diagnosis and management"
                ),
                "source": "Paediatric Drugs",
                "year": 2020,
                "doi": "10.1007/s40272-019-00367-1",
                "pmid": "31732958",
                "url": "https://doi.org/10.1007/s40272-019-00367-1",
            },
        ],
    },
    {
        "condition": "hemophagocytic-lymphohistiocytosis",
        "kind": "overview",
        "title": "Hemophagocytic lymphohistiocytosis: an overview",
        "slug": "hemophagocytic-lymphohistiocytosis-overview",
        "summary": (
            "Hemophagocytic lymphohistiocytosis (HLH) is a rare, life-threatening "
            "syndrome of extreme immune activation. It can be inherited or triggered "
            "by infections, cancers or autoimmune disease, and it needs urgent "
            "specialist treatment."
        ),
        "state": "draft",
        "sections": [
            {
                "heading": "What is HLH?",
                "kind": "other",
                "body": (
                    "Hemophagocytic lymphohistiocytosis (HLH) is a syndrome in which "
                    "the immune system becomes dangerously overactive. Normally, "
                    "cytotoxic T cells and natural killer (NK) cells destroy infected "
                    "cells, and the immune response then switches off. In HLH this "
                    "control fails, and activated lymphocytes and macrophages release "
                    "excessive amounts of inflammatory cytokines [2].\n"
                    "\n"
                    "The result is high fever, falling blood counts and damage to "
                    "organs such as the liver, spleen, bone marrow and brain. The name "
                    "comes from *hemophagocytosis*, in which activated macrophages "
                    "engulf blood cells. This may be seen in a bone marrow sample, but "
                    "it is neither required for the diagnosis nor specific to HLH.\n"
                    "\n"
                    "HLH can affect people of any age, from newborns to older adults. "
                    "Untreated, it is often fatal."
                ),
            },
            {
                "heading": "Causes",
                "kind": "causes",
                "body": (
                    "HLH is usually divided into two broad types, which can overlap "
                    "[2], [4]:\n"
                    "\n"
                    "- **Primary (familial) HLH** is caused by inherited changes in "
                    "genes that cytotoxic cells need to kill their targets, such as "
                    "*PRF1*, *UNC13D*, *STX11* and *STXBP2*. It is usually inherited "
                    "in an autosomal recessive pattern and most often appears in "
                    "infancy or early childhood. Related inherited immune disorders, "
                    "including Chédiak-Higashi syndrome, Griscelli syndrome type 2 and "
                    "X-linked lymphoproliferative disease, can also cause HLH.\n"
                    "- **Secondary (acquired) HLH** develops in response to a strong "
                    "trigger, most often an infection (Epstein-Barr virus is a common "
                    "culprit), a cancer such as lymphoma, or an autoimmune or "
                    "autoinflammatory disease. When it complicates a rheumatic "
                    "disease, it is often called macrophage activation syndrome.\n"
                    "\n"
                    "Infections can set off episodes in both types."
                ),
            },
            {
                "heading": "Symptoms",
                "kind": "symptoms",
                "body": (
                    "HLH usually develops over days to weeks and can resemble severe "
                    "infection or sepsis. Common features include [2]:\n"
                    "\n"
                    "- persistent high fever that does not respond to antibiotics\n"
                    "- an enlarged spleen and liver\n"
                    "- pallor, bruising or bleeding from low blood counts\n"
                    "- jaundice or fluid buildup from liver involvement\n"
                    "- rash or swollen lymph nodes\n"
                    "- neurological symptoms such as irritability, confusion, seizures "
                    "or reduced consciousness\n"
                    "\n"
                    "Blood tests typically show low counts in two or more cell lines, "
                    "very high ferritin, raised triglycerides, low fibrinogen and "
                    "abnormal liver tests. Because these findings overlap with many "
                    "other serious illnesses, HLH should be considered in anyone who "
                    "keeps getting worse despite standard treatment for a presumed "
                    "infection."
                ),
            },
            {
                "heading": "Diagnosis",
                "kind": "diagnosis",
                "body": (
                    "The HLH-2004 guidelines are the most widely used diagnostic "
                    "criteria [1]. HLH is diagnosed if a molecular diagnosis "
                    "consistent with HLH is found, or if at least five of these eight "
                    "criteria are met:\n"
                    "\n"
                    "| Criterion | HLH-2004 definition |\n"
                    "| --- | --- |\n"
                    "| Fever | Present |\n"
                    "| Splenomegaly | Present |\n"
                    "| Cytopenias in at least 2 lineages | Hemoglobin < 90 g/L (< 100 "
                    "g/L in infants under 4 weeks), platelets < 100 × 10⁹/L, "
                    "neutrophils < 1.0 × 10⁹/L |\n"
                    "| Triglycerides and/or fibrinogen | Fasting triglycerides ≥ 3.0 "
                    "mmol/L (≥ 265 mg/dL) and/or fibrinogen ≤ 1.5 g/L |\n"
                    "| Hemophagocytosis | In bone marrow, spleen or lymph nodes |\n"
                    "| NK-cell activity | Low or absent |\n"
                    "| Ferritin | ≥ 500 µg/L |\n"
                    "| Soluble CD25 (soluble IL-2 receptor) | ≥ 2,400 U/mL |\n"
                    "\n"
                    "In adults with suspected secondary HLH, the HScore is often used "
                    "alongside these criteria to estimate the probability of HLH [3]. "
                    "Genetic testing and a search for triggers, including infections "
                    "and lymphoma, are part of the workup."
                ),
            },
            {
                "heading": "Treatment",
                "kind": "treatment",
                "body": (
                    "HLH needs urgent treatment at a specialist center. The aims are "
                    "to calm the excessive immune response quickly, treat any trigger "
                    "and support failing organs [1], [2], [4].\n"
                    "\n"
                    "- **Immunosuppressive therapy.** Protocols based on HLH-94 and "
                    "HLH-2004 combine dexamethasone and etoposide, sometimes with "
                    "cyclosporine. In adults, treatment intensity is usually adapted "
                    "to the trigger and the severity of illness.\n"
                    "- **Targeted treatment.** Emapalumab, an antibody that blocks "
                    "interferon-gamma, is approved in the United States for some "
                    "patients with primary HLH whose disease is refractory, recurrent "
                    "or progressive, or who cannot tolerate standard therapy.\n"
                    "- **Treating the trigger**, for example with antiviral or cancer "
                    "treatment.\n"
                    "- **Supportive care**, including blood products, infection "
                    "prevention and intensive care when needed.\n"
                    "- **Hematopoietic stem cell transplant**, recommended for "
                    "familial HLH and for severe, persistent or relapsing disease, "
                    "because it can correct the underlying immune defect."
                ),
            },
            {
                "heading": "Outlook",
                "kind": "outlook",
                "body": (
                    "The outlook for HLH has improved considerably since standardized "
                    "treatment protocols were introduced, but it remains a serious "
                    "condition. Outcomes depend on how quickly treatment starts, the "
                    "underlying cause, the person's age and general health, and how "
                    "well the disease responds to initial therapy [2], [4].\n"
                    "\n"
                    "In secondary HLH, successful control of the trigger may be enough "
                    "to prevent further episodes. In familial HLH, the disease tends "
                    "to return unless a stem cell transplant is performed.\n"
                    "\n"
                    "Survivors may need long-term follow-up for effects of the illness "
                    "and its treatment, including neurological, developmental or "
                    "fertility problems, particularly after childhood disease. "
                    "Families of children with primary HLH are usually offered genetic "
                    "counseling, because brothers and sisters may also be affected."
                ),
            },
        ],
        "references": [
            {
                "authors": "Henter JI, Horne A, Aricó M, et al.",
                "title": (
                    "HLH-2004: diagnostic and therapeutic guidelines for "
                    "hemophagocytic lymphohistiocytosis"
                ),
                "source": "Pediatric Blood & Cancer",
                "year": 2007,
                "doi": "10.1002/pbc.21039",
                "pmid": "16937360",
                "url": "https://doi.org/10.1002/pbc.21039",
            },
            {
                "authors": (
                    "Jordan MB, Allen CE, Weitzman S, Filipovich AH, McClain KL."
                ),
                "title": "How I treat hemophagocytic lymphohistiocytosis",
                "source": "Blood",
                "year": 2011,
                "doi": "",
                "pmid": "",
                "url": "",
            },
            {
                "authors": "Fardet L, Galicier L, Lambotte O, et al.",
                "title": (
                    "Development and validation of the HScore, a score for the "
                    "diagnosis of reactive hemophagocytic syndrome"
                ),
                "source": "Arthritis & Rheumatology",
                "year": 2014,
                "doi": "10.1002/art.38690",
                "pmid": "",
                "url": "https://doi.org/10.1002/art.38690",
            },
            {
                "authors": "La Rosée P, Horne A, Hines M, et al.",
                "title": (
                    "Recommendations for the management of hemophagocytic "
                    "lymphohistiocytosis in adults"
                ),
                "source": "Blood",
                "year": 2019,
                "doi": "",
                "pmid": "",
                "url": "",
            },
        ],
    },
]
