"""Extraction on phrasings no seed uses: each case is a pattern that recurs in war reporting
(passives, ergatives, nominals, lists, negation, corrections, distance, euphemisms, relative
clauses, locating phrases), written here with other places than the corpus quotes."""

from __future__ import annotations

from datetime import date

import pytest

from geo.claims import extract_claims

PUBLISHED = date(2024, 12, 1)  # a Sunday


def claims(gazetteer, text):
    return {
        (c.place_id, c.actor, c.action, c.event_date.isoformat(), c.status)
        for c in extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ergative with an apposition between subject and verb
        (
            "Tal Rifaat, a Kurdish-held town, passed to the SNA late on Friday.",
            {
                ("tel-rifaat", "sna", "captured", "2024-11-29", "reported"),
                ("tel-rifaat", "sdf", "captured", "2024-12-01", "reported"),  # held until then
            },
        ),
        (
            "Homs fell to the insurgents yesterday afternoon.",
            {("homs", "opposition", "captured", "2024-11-30", "reported")},
        ),
        # a list after "and then", dated by the clause
        (
            "Rebels took Morek on Tuesday and then Kafr Zita and Halfaya.",
            {
                ("morek", "opposition", "captured", "2024-11-26", "reported"),
                ("kafr-zita", "opposition", "captured", "2024-11-26", "reported"),
                ("halfaya", "opposition", "captured", "2024-11-26", "reported"),
            },
        ),
        # a passive with its agent, the subject a list located by a province
        (
            "Tadef and al-Bab in Aleppo province were evacuated by the Kurdish fighters.",
            {
                ("tadif", "sdf", "withdrew", "2024-12-01", "reported"),
                ("al-bab", "sdf", "withdrew", "2024-12-01", "reported"),
            },
        ),
        # an actor named by a description
        (
            "Forces opposed to President Bashar al-Assad have captured the Hama airport.",
            {("hama-air-base", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # the whole governorate, under their control
        (
            "The administrative borders of Hama Governorate were fully under their control.",
            {("hama-governorate", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # distance to a place: the front stands there
        (
            "The rebels are now about 10 km from Hama, state media reported.",
            {("hama", "opposition", "advancing", "2024-12-01", "claimed")},
        ),
        # negation: a denial, never a capture
        (
            "Homs has not fallen, the governor said.",
            {("homs", "opposition", "captured", "2024-12-01", "denied")},
        ),
        # a correction by the outlet itself
        (
            "Earlier reports that Rastan had fallen were wrong.",
            {("rastan", "opposition", "captured", "2024-12-01", "denied")},
        ),
        # a euphemism under attribution
        (
            "Government forces redeployed outside the city of Hama, the army said.",
            {("hama", "government", "withdrew", "2024-12-01", "claimed")},
        ),
        # "a day after": the second event is dated from the first
        (
            "Rebels entered Rastan on Saturday, a day after they seized Talbiseh.",
            {
                ("rastan", "opposition", "entered", "2024-11-30", "reported"),
                ("talbiseh", "opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # a pronoun object
        (
            "The rebels approached Saraqib on Friday. By Saturday they had stormed it.",
            {
                ("saraqib", "opposition", "advancing", "2024-11-29", "reported"),
                ("saraqib", "opposition", "entered", "2024-11-30", "reported"),
            },
        ),
        # southern rebels are the southern opposition
        (
            "Rebels seized the town of Inkhil on Friday.",
            {("inkhil", "southern_opposition", "captured", "2024-11-29", "reported")},
        ),
        # a comparison extends the claim to a further list
        (
            "Morek is now held by the factions, as are Halfaya and Souran.",
            {
                ("morek", "opposition", "captured", "2024-12-01", "reported"),
                ("halfaya", "opposition", "captured", "2024-12-01", "reported"),
                ("suran-hama", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # a list that ends in an unnamed tail is still the subject
        (
            "Morek, Kafr Zita and the villages around them changed hands on Saturday.",
            {
                ("morek", "opposition", "captured", "2024-11-30", "reported"),
                ("kafr-zita", "opposition", "captured", "2024-11-30", "reported"),
            },
        ),
        # an area that only locates a town is not what "the city" refers to
        (
            "Rebels took Saraqib in the eastern countryside of Idlib after troops withdrew from "
            "the city.",
            {
                ("saraqib", "opposition", "captured", "2024-12-01", "reported"),
                ("saraqib", "government", "withdrew", "2024-12-01", "reported"),
            },
        ),
        # unnamed parts of a place: the claim is on the place
        (
            "Troops pulled back from several neighbourhoods in the western part of Hama.",
            {("hama", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # an adjacent description names one actor: "Dawn of Freedom factions" are the SNA
        (
            "'Dawn of Freedom' factions seize Tal Rifaat.",
            {("tel-rifaat", "sna", "captured", "2024-12-01", "reported")},
        ),
        # a locating apposition between the subject and its verb
        (
            "Morek, in the north of Hama province, also fell to the rebels on Saturday.",
            {("morek", "opposition", "captured", "2024-11-30", "reported")},
        ),
        (
            "The town of Safira, on the road south-east of Aleppo, was also taken by the SNA.",
            {("safira", "sna", "captured", "2024-12-01", "reported")},
        ),
        # a list ending in a name no entry knows: the known names are still its subjects
        (
            "Kafr Zita, Morek and Zanqufet al-Wadi were seized by the rebels on Friday.",
            {
                ("kafr-zita", "opposition", "captured", "2024-11-29", "reported"),
                ("morek", "opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # a year in a relative clause describes the actor; it does not date the event
        (
            "Fighters who had signed a settlement in 2018 seized Inkhil on Friday.",
            {("inkhil", "southern_opposition", "captured", "2024-11-29", "reported")},
        ),
        # quote marks around an extent; a purpose after a euphemism is no destination
        (
            "Insurgents had entered 'large parts' of Hama on Friday.",
            {("hama", "opposition", "entered", "2024-11-29", "reported")},
        ),
        (
            "The army said its forces in Homs had been 'redeployed' to prepare a counterattack.",
            {("homs", "government", "withdrew", "2024-12-01", "claimed")},
        ),
        # a euphemism ending its clause before "and" claims the place before it
        (
            "Troops stationed in Homs have redeployed and taken up positions nearby.",
            {("homs", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # "they" continues the sentence's first reference, not the object in between
        (
            "HTS said its fighters killed dozens of soldiers as they took Morek and Halfaya.",
            {
                ("morek", "opposition", "captured", "2024-12-01", "claimed"),
                ("halfaya", "opposition", "captured", "2024-12-01", "claimed"),
            },
        ),
        # beating back an attack is repelling it, whoever does it; the place is the one attacked
        (
            "The SDF said its fighters had beaten back attacks by Turkish-backed factions on "
            "villages near Manbij.",
            {("manbij", "sdf", "repelled", "2024-12-01", "claimed")},
        ),
        # a reduced relative: "X, seized by Y on Sunday, …"
        (
            "Kuweires air base, seized by the SNA on Sunday, lies east of Aleppo.",
            {("kuweires-air-base", "sna", "captured", "2024-12-01", "reported")},
        ),
        # "the military" inside "the military academy" is part of a place, not an actor
        (
            "Our forces have completed the liberation of the military academy of Aleppo and "
            "have cleansed Morek.",
            {
                ("aleppo-military-academy", "opposition", "captured", "2024-12-01", "reported"),
                ("morek", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # an actor coordinated with the object of "against" is an object too
        (
            "SNA factions launched an offensive against Kurdish-led forces and government "
            "troops, taking the town of Tadef.",
            {("tadif", "sna", "captured", "2024-12-01", "reported")},
        ),
        # the subject of "after X withdrew" is no antecedent of a later "they"
        (
            "The factions now control Hama after regime forces withdrew towards Homs, and they "
            "have also seized the central prison of Hama.",
            {
                ("hama", "opposition", "captured", "2024-12-01", "reported"),
                ("hama", "government", "withdrew", "2024-12-01", "reported"),  # left Hama
                ("hama-central-prison", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # the antecedent of "who" is the subject, even inside an oblique phrase
        (
            "Rebels entered Homs, meeting no resistance from government troops, who had left "
            "their positions in Hama overnight.",
            {
                ("homs", "opposition", "entered", "2024-12-01", "reported"),
                ("hama", "government", "withdrew", "2024-11-30", "reported"),
            },
        ),
        # descriptions of allied forces and of local councils are actors (lexicon rows)
        (
            "Iraqi armed factions that had been deployed in Mayadin withdrew.",
            {("al-mayadin", "government", "withdrew", "2024-12-01", "reported")},
        ),
        (
            "The Raqqa Military Council said its fighters had entered Tabqa.",
            {("tabqa", "sdf", "entered", "2024-12-01", "claimed")},
        ),
        # an adjective of control directly before a place names that place's holder
        (
            "Turkish-backed factions shelled the outskirts of Kurdish-held Manbij.",
            {("manbij", "sdf", "captured", "2024-12-01", "reported")},
        ),
        # places inside a "where" clause between subject and verb are not subjects
        (
            "Saraqib, where the M5 meets the M4, fell to the rebels late on Friday.",
            {("saraqib", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # a list whose first item no entry knows keeps its known items
        (
            "The army has liberated the villages of Zanqufet, Morek and Kafr Zita.",
            {
                ("morek", "government", "recaptured", "2024-12-01", "reported"),
                ("kafr-zita", "government", "recaptured", "2024-12-01", "reported"),
            },
        ),
        # an attribution tag in mid-sentence covers what comes before it
        (
            "Insurgents pushed into Rastan before dawn, a war monitor said, as fighting went on "
            "further east.",
            {("rastan", "opposition", "entered", "2024-12-01", "claimed")},
        ),
        # a participle's actor follows it
        (
            "Weapons were left behind by retreating government forces in Morek.",
            {("morek", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # "the town" is the place located, not the place that locates it
        (
            "Rebels entered Morek, north of Hama, today. Troops had left the town overnight.",
            {
                ("morek", "opposition", "entered", "2024-12-01", "reported"),
                ("morek", "government", "withdrew", "2024-11-30", "reported"),
            },
        ),
        # a possessive after "and" opens a new clause, it does not continue the list
        (
            "Rebels seized Saraqib on Friday, and Idlib's governor fled.",
            {("saraqib", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # a list goes on past a name no entry knows, and past a type word after a name
        (
            "Troops abandoned Saraqib city, Binnish, Zuwaybat al-Ward and Taftanaz on Friday.",
            {
                ("saraqib", "government", "withdrew", "2024-11-29", "reported"),
                ("binnish", "government", "withdrew", "2024-11-29", "reported"),
                ("taftanaz", "government", "withdrew", "2024-11-29", "reported"),
            },
        ),
        # a counted anaphor stands for as many places: the last list of that length (and
        # "had entered" retells the entry dated before)
        (
            "Rebels pushed into the towns of Sarmin and Binnish, 10 km from Idlib, on Friday. "
            "A monitor said they had entered both towns without a fight.",
            {
                ("sarmin", "opposition", "entered", "2024-11-29", "reported"),
                ("binnish", "opposition", "entered", "2024-11-29", "reported"),
                ("sarmin", "opposition", "entered", "2024-11-29", "claimed"),
                ("binnish", "opposition", "entered", "2024-11-29", "claimed"),
            },
        ),
        # driven out, then "back under" the other side's control: two recaptures
        (
            "A regime counterattack drove the rebels out of Sarmin on Friday, but the town was "
            "back under rebel control by Saturday.",
            {
                ("sarmin", "government", "recaptured", "2024-11-29", "reported"),
                ("sarmin", "opposition", "recaptured", "2024-11-30", "reported"),
            },
        ),
        # pushed back from a place: repelled, not retaken
        (
            "The army said it drove the insurgents back from Morek overnight.",
            {("morek", "government", "repelled", "2024-11-30", "claimed")},
        ),
        # "the eastern city", "the city centre": the city named before
        (
            "Troops pulled out of the eastern city of Idlib overnight. Rebels then entered the "
            "city centre.",
            {
                ("idlib", "government", "withdrew", "2024-11-30", "reported"),
                ("idlib", "opposition", "entered", "2024-12-01", "reported"),
            },
        ),
        # an apposition after a comma locates; it does not add the province to the list
        (
            "Troops left Sarmin, a town in Idlib province, on Friday.",
            {("sarmin", "government", "withdrew", "2024-11-29", "reported")},
        ),
        # "remained in full control": a standing hold, not a recapture
        (
            "The army said it remained in full control of Homs.",
            {("homs", "government", "captured", "2024-12-01", "claimed")},
        ),
        # "the city's medieval citadel": the facility of the city named before
        (
            "Rebels reached Aleppo on Friday. They raised their flag over the city's medieval "
            "citadel on Saturday.",
            {
                ("aleppo", "opposition", "entered", "2024-11-29", "reported"),
                ("aleppo-citadel", "opposition", "captured", "2024-11-30", "reported"),
            },
        ),
        # "redeployed": the army's word for its own withdrawal, whoever was named last
        (
            "The army said insurgents had entered Homs and its forces in the city had been "
            "redeployed.",
            {
                ("homs", "opposition", "entered", "2024-12-01", "claimed"),
                ("homs", "government", "withdrew", "2024-12-01", "claimed"),
            },
        ),
        # ellipsis: "X followed" fell as the place before it did, dated from the last date
        (
            "Rebels took Sarmin on Friday. Binnish followed the next morning.",
            {
                ("sarmin", "opposition", "captured", "2024-11-29", "reported"),
                ("binnish", "opposition", "captured", "2024-11-30", "reported"),
            },
        ),
        # "by midday" is the day the sentence gave before, not the publication date
        (
            "A regime counterattack early on Wednesday drove the rebels out of Sarmin, but the "
            "town was back under rebel control by midday.",
            {
                ("sarmin", "government", "recaptured", "2024-11-27", "reported"),
                ("sarmin", "opposition", "recaptured", "2024-11-27", "reported"),
            },
        ),
        # "followed" with an object is no ellipsis
        (
            "The push on Hama followed two days of fighting.",
            set(),
        ),
        # standing states phrased as what a side has lost or still runs
        (
            "By Sunday the whole of Idlib province was out of government hands.",
            {("idlib-governorate", "government", "withdrew", "2024-12-01", "reported")},
        ),
        (
            "The Asayish still run Sheikh Maqsoud, a district of Aleppo.",
            {("sheikh-maqsoud", "sdf", "captured", "2024-12-01", "reported")},
        ),
        # a city named by its rank is the city, even after "all of"
        (
            "Rebels now control almost all of Syria's second city.",
            {("aleppo", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # a place named twice in apposition is one list item, and "within days" is undated
        (
            "Rebels launched their offensive on Nov. 27 and within days overran most of Aleppo, "
            "Syria's largest city, along with Idlib.",
            {
                ("aleppo", "opposition", "captured", "2024-12-01", "reported"),
                ("idlib", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # a statement's own forces, praised
        (
            "Our heroic forces have entered the city of Homs and liberated the districts of "
            "al-Waer and Baba Amr.",
            {
                ("homs", "opposition", "entered", "2024-12-01", "reported"),
                ("al-waer", "opposition", "captured", "2024-12-01", "reported"),
                ("baba-amr", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # a hedged change: "appears to have slipped"
        (
            "Salamiyah appears to have slipped from government control.",
            {("salamiyah", "government", "withdrew", "2024-12-01", "claimed")},
        ),
        # a speaker named by their side: "fighters" in their words are that side's
        (
            "The army said it had retaken Morek. A rebel commander says fighters have entered "
            "Homs from several axes.",
            {
                ("morek", "government", "recaptured", "2024-12-01", "claimed"),
                ("homs", "opposition", "entered", "2024-12-01", "claimed"),
            },
        ),
        # lines "north of the city", with no place of their own: the countryside on that side
        (
            "Rebels entered Morek. The army said it had set up defensive lines north of Hama.",
            {
                ("morek", "opposition", "entered", "2024-12-01", "reported"),
                (
                    "northern-hama-countryside",
                    "government",
                    "defensive_line",
                    "2024-12-01",
                    "claimed",
                ),
            },
        ),
        # "the fall of X": to its attacker, never to the sentence's subject
        (
            "It is the first time the army has admitted losing ground since the fall of Saraqib "
            "on 29 November.",
            {("saraqib", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # a year inside a relative clause between subject and verb dates only the clause
        (
            "Saraqib, which the regime had seized in 2020, is now under rebel control.",
            {("saraqib", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # "the mercenaries": Kurdish outlets' word for the Turkish-backed factions
        (
            "The SDF said the mercenaries had not entered Manbij.",
            {("manbij", "sna", "entered", "2024-12-01", "denied")},
        ),
        # a relative "who" inside a parenthetical takes its antecedent as subject
        (
            "Kurdish fighters hold two districts of the city, which the rebels, who seized most "
            "of Aleppo on Saturday, have surrounded.",
            {("aleppo", "opposition", "captured", "2024-11-30", "reported")},
        ),
        # "as X falls": the main clause's subject did not take X
        (
            "The SDF held talks in Raqqa as Hama fell.",
            {("hama", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # officials leave, local fighters take over: who is who
        (
            "The governor and the police chief left their offices in Sweida on Friday as local "
            "fighters took over checkpoints around the city.",
            {
                ("suwayda", "government", "withdrew", "2024-11-29", "reported"),
                ("suwayda", "southern_opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # "were able to return" happened; "would be able to return" has not
        (
            "Government troops were able to return to Morek on Sunday.",
            {("morek", "government", "recaptured", "2024-12-01", "reported")},
        ),
        ("Government troops would be able to return to Morek soon.", set()),
        # the subject is the facility; the city after it only locates it
        (
            "The air base south-west of Hama remains in government hands.",
            {("hama-air-base", "government", "captured", "2024-12-01", "reported")},
        ),
        # a distance apposition between subject and verb only locates
        (
            "Hama city itself, about 25 km further south, remains firmly in government hands.",
            {("hama", "government", "captured", "2024-12-01", "reported")},
        ),
        # ", heading toward X" after a withdrawal: where the retreat goes, not an advance
        (
            "Regime forces have evacuated Deir Ezzor city and al-Mayadin, heading toward the "
            "Syrian desert and Damascus.",
            {
                ("deir-ez-zor", "government", "withdrew", "2024-12-01", "reported"),
                ("al-mayadin", "government", "withdrew", "2024-12-01", "reported"),
            },
        ),
        # a year after an aside still makes the sentence history
        (
            "Rebels took Halfaya on Tuesday. Hama was secured by government forces, with the "
            "help of Russian jets, in 2016.",
            {("halfaya", "opposition", "captured", "2024-11-26", "reported")},
        ),
        # "all three" counts the last list of three
        (
            "Rebels took Halfaya, Suran and Morek on Tuesday. All three had been reported secured "
            "by the army on Sunday.",
            {
                ("halfaya", "opposition", "captured", "2024-11-26", "reported"),
                ("suran-hama", "opposition", "captured", "2024-11-26", "reported"),
                ("morek", "opposition", "captured", "2024-11-26", "reported"),
                ("halfaya", "government", "recaptured", "2024-12-01", "claimed"),
                ("suran-hama", "government", "recaptured", "2024-12-01", "claimed"),
                ("morek", "government", "recaptured", "2024-12-01", "claimed"),
            },
        ),
        # pushed back a distance from a place: repelled
        (
            "The army said it pushed the jihadists back about 10 kilometres from Hama.",
            {("hama", "government", "repelled", "2024-12-01", "claimed")},
        ),
        # districts no place names are the city the paragraph is about
        (
            "Rebels entered Hama on Thursday. A resident said the army had simply vanished from "
            "the districts around the old citadel.",
            {
                ("hama", "opposition", "entered", "2024-11-28", "reported"),
                ("hama", "government", "withdrew", "2024-12-01", "claimed"),
            },
        ),
        # bare "fighters", and an operations room's "its fighters", are the insurgents'
        (
            "Government forces abandoned their last positions in Homs overnight. Fighters say "
            "they have entered the city of Hama.",
            {
                ("homs", "government", "withdrew", "2024-11-30", "reported"),
                ("hama", "opposition", "entered", "2024-12-01", "claimed"),
            },
        ),
        (
            "The army said it had redeployed in Daraa. By midday the operations room said its "
            "fighters had entered al-Sanamayn.",
            {
                # redeployed "in" a provincial capital's name: the province (corpus C030, D030)
                ("daraa-governorate", "government", "withdrew", "2024-12-01", "claimed"),
                ("al-sanamayn", "southern_opposition", "entered", "2024-12-01", "claimed"),
            },
        ),
        # a facility named after its city stands for the city "the city" refers back to
        (
            "Rebels took Aleppo last week. In Hama they freed hundreds of inmates from Hama "
            "Central Prison. The opposition now controls the whole of the city.",
            {
                ("aleppo", "opposition", "captured", "2024-11-24", "reported"),
                ("hama", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # a reach that takes places: "extended its presence … to X and to Y"
        (
            "The SDF extended its presence south along the river to al-Mayadin and to Albu "
            "Kamal, near Deir ez-Zor.",
            {
                ("al-mayadin", "sdf", "captured", "2024-12-01", "reported"),
                ("abu-kamal", "sdf", "captured", "2024-12-01", "reported"),
            },
        ),
        # "its eastern quarter": a part of the town named before, not an actor's "its"
        (
            "Rebels shelled Morek on Friday. They broke into its eastern quarter on Saturday.",
            {("morek", "opposition", "entered", "2024-11-30", "reported")},
        ),
        # the road named after two cities is no antecedent of "its"
        (
            "Fighters took Kafr Zita, near the Hama–Aleppo highway. They had entered its "
            "outskirts on Friday.",
            {
                ("kafr-zita", "opposition", "captured", "2024-12-01", "reported"),
                ("kafr-zita", "opposition", "entered", "2024-11-29", "reported"),
            },
        ),
        # "moved in" after a withdrawal: into the place named before
        (
            "Government troops left Rastan, and rebel fighters moved in.",
            {
                ("rastan", "government", "withdrew", "2024-12-01", "reported"),
                ("rastan", "opposition", "entered", "2024-12-01", "reported"),
            },
        ),
        # a reduced relative after the place, dated by what follows it
        (
            "In Homs, captured on Friday, shops stayed shut.",
            {("homs", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # "several districts of", "are still administered by" (a list, located by its city)
        (
            "Insurgents took several districts of Hama on Saturday.",
            {("hama", "opposition", "captured", "2024-11-30", "reported")},
        ),
        (
            "In Aleppo, Sheikh Maqsoud and Ashrafieh are still administered by the Asayish.",
            {
                ("sheikh-maqsoud", "sdf", "captured", "2024-12-01", "reported"),
                ("ashrafieh-aleppo", "sdf", "captured", "2024-12-01", "reported"),
            },
        ),
        # a euphemism with its units named, and an intransitive one after a list
        (
            "The army repositioned its units outside the city of Homs.",
            {("homs", "government", "withdrew", "2024-12-01", "reported")},
        ),
        (
            "Its units in Hama and Daraa provinces had been redeployed, the army said.",
            {
                ("hama-governorate", "government", "withdrew", "2024-12-01", "claimed"),
                ("daraa-governorate", "government", "withdrew", "2024-12-01", "claimed"),
            },
        ),
        # a list item with its description: "the mainly Druze city of X"
        (
            "Government troops were forced out of Sahnaya and the mainly Druze city of Jaramana.",
            {
                ("sahnaya", "government", "withdrew", "2024-12-01", "reported"),
                ("jaramana", "government", "withdrew", "2024-12-01", "reported"),
            },
        ),
        # a share of a place, dated by its clause
        (
            "By Saturday the factions controlled more than two-thirds of Idlib province.",
            {("idlib-governorate", "opposition", "captured", "2024-11-30", "reported")},
        ),
        # a push along a road toward a place
        (
            "Rebels were moving south along the highway toward Homs.",
            {("homs", "opposition", "advancing", "2024-12-01", "reported")},
        ),
        # a defence line "running through" a list
        (
            "The army said it had stabilised a line running through Morek and Kafr Zita.",
            {
                ("morek", "government", "defensive_line", "2024-12-01", "claimed"),
                ("kafr-zita", "government", "defensive_line", "2024-12-01", "claimed"),
            },
        ),
        # a town and "its" facility, "completely" inside a passive
        (
            "The city of Hama and its military airport are now completely liberated.",
            {
                ("hama", "opposition", "captured", "2024-12-01", "reported"),
                ("hama-air-base", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # "the facility" refers back to the facility named before
        (
            "Rebels approached Sednaya prison on Saturday. On Sunday fighters broke into the "
            "facility.",
            {
                ("sednaya-prison", "opposition", "advancing", "2024-11-30", "reported"),
                ("sednaya-prison", "opposition", "entered", "2024-12-01", "reported"),
            },
        ),
        # "whose fighters" are the antecedent's; "Ankara-backed" names the SNA
        (
            "Tadef fell to the SNA, whose fighters also took al-Bab.",
            {
                ("tadif", "sna", "captured", "2024-12-01", "reported"),
                ("al-bab", "sna", "captured", "2024-12-01", "reported"),
            },
        ),
        (
            "Ankara-backed factions took Tadef.",
            {("tadif", "sna", "captured", "2024-12-01", "reported")},
        ),
        # "those factions" refer back to the last actor (not to a description between)
        (
            "Turkish-backed factions launched an assault on Tal Rifaat, a Kurdish-held town, "
            "hours after those factions said they had taken al-Bab.",
            {
                ("tel-rifaat", "sna", "advancing", "2024-12-01", "reported"),
                ("tel-rifaat", "sdf", "captured", "2024-12-01", "reported"),
                ("al-bab", "sna", "captured", "2024-12-01", "claimed"),
            },
        ),
        # rebels who take a southern province are the southern opposition in the whole
        # sentence, and "they" after it; a named force beside them keeps its own name
        (
            "Rebel forces pushed to within 20 km of Damascus, having taken Daraa province.",
            {
                ("damascus", "southern_opposition", "advancing", "2024-12-01", "reported"),
                ("daraa-governorate", "southern_opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        (
            "HTS took Hama as rebels took Daraa province.",
            {
                ("hama", "opposition", "captured", "2024-12-01", "reported"),
                ("daraa-governorate", "southern_opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # a place that fell with no agent is not the named regional force's
        (
            "Two days after Homs fell, southern fighters were in al-Sanamayn.",
            {
                ("homs", "opposition", "captured", "2024-11-29", "reported"),
                ("al-sanamayn", "southern_opposition", "entered", "2024-12-01", "reported"),
            },
        ),
        (
            "Rebels took Daraa province on Friday. They then reached the outskirts of Damascus.",
            {
                ("daraa-governorate", "southern_opposition", "captured", "2024-11-29", "reported"),
                ("damascus", "southern_opposition", "advancing", "2024-12-01", "reported"),
            },
        ),
        # "reached" a place is being in it; reaching its outskirts or a road is advancing
        (
            "Fighters reached Morek on Friday.",
            {
                ("morek", "opposition", "entered", "2024-11-29", "reported"),
            },
        ),
        (
            "The insurgents had reached the northern approaches to Hama by Saturday.",
            {("hama", "opposition", "advancing", "2024-11-30", "reported")},
        ),
        (
            "Rebels reached the M4/M5 junction outside Saraqib.",
            {("m4-m5-junction", "opposition", "advancing", "2024-12-01", "reported")},
        ),
        # "them": the list before; a pronoun's antecedent is dated where its trigger stands
        (
            "Government forces retook Morek and Kafr Zita on Sunday, a day after abandoning them.",
            {
                ("morek", "government", "recaptured", "2024-12-01", "reported"),
                ("kafr-zita", "government", "recaptured", "2024-12-01", "reported"),
                ("morek", "government", "withdrew", "2024-11-30", "reported"),
                ("kafr-zita", "government", "withdrew", "2024-11-30", "reported"),
            },
        ),
        (
            "The army retook Khanasir on Friday, two days after losing it.",
            {
                ("khanasir", "government", "recaptured", "2024-11-29", "reported"),
                ("khanasir", "government", "withdrew", "2024-11-27", "reported"),
            },
        ),
        # units pulled back, with the place after them
        (
            "The SDF is pulling its remaining fighters back from Tabqa.",
            {("tabqa", "sdf", "withdrew", "2024-12-01", "reported")},
        ),
        # presence seen, control "now in", a handover, a declaration
        (
            "Rebel fighters were seen in the streets of Homs on Saturday.",
            {("homs", "opposition", "entered", "2024-11-30", "reported")},
        ),
        (
            "Rebels are now in control of the city of Hama.",
            {("hama", "opposition", "captured", "2024-12-01", "reported")},
        ),
        (
            "Government forces handed Morek over to the rebels under a deal.",
            {
                ("morek", "government", "withdrew", "2024-12-01", "reported"),
                ("morek", "opposition", "captured", "2024-12-01", "reported"),  # the taker
            },
        ),
        (
            "Rebels declared Hama liberated on Saturday.",
            {("hama", "opposition", "captured", "2024-11-30", "claimed")},
        ),
        # a singular anaphor refers to no item of a list ("factions from A, B and C")
        (
            "Rebels took Hama on Friday. Factions from Homs, Idlib and Daraa said the army had "
            "handed over the provincial capital.",
            {
                ("hama", "opposition", "captured", "2024-11-29", "reported"),
                # "had handed over": the other side of the capture dated before
                ("hama", "government", "withdrew", "2024-11-29", "claimed"),
            },
        ),
        # "came under rebel control", "fell into rebel hands", agentless recaptures
        (
            "Morek came under rebel control on Friday and Halfaya fell into rebel hands on "
            "Saturday.",
            {
                ("morek", "opposition", "captured", "2024-11-29", "reported"),
                ("halfaya", "opposition", "captured", "2024-11-30", "reported"),
            },
        ),
        (
            "Khanasir was recaptured on Saturday.",
            {("khanasir", "government", "recaptured", "2024-11-30", "reported")},
        ),
        (
            "Rebels gained ground around Hama on Saturday.",
            {("hama", "opposition", "advancing", "2024-11-30", "reported")},
        ),
        # an admission is the admitting party's claim; "admitted" and "controlled" double
        # their consonant (verbs.tsv)
        (
            "The army admitted that rebels controlled most of Hama.",
            {("hama", "opposition", "captured", "2024-12-01", "claimed")},
        ),
        # the noun a participle modifies is its actor, even after "with"
        (
            "Kurdish fighters left Aleppo under a deal with the factions now controlling it.",
            {
                ("aleppo", "sdf", "withdrew", "2024-12-01", "reported"),
                ("aleppo", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # "our units" in a party's statement are that party's; "SANA" is the agency
        (
            "Our units have restored control over the town of Morek after eliminating "
            "terrorist groups, SANA said.",
            {("morek", "government", "recaptured", "2024-12-01", "claimed")},
        ),
        (
            "The SDF said: our forces repelled an attack on Tabqa.",
            {("tabqa", "sdf", "repelled", "2024-12-01", "claimed")},
        ),
        # a thwarted attempt to infiltrate a place is its defence, not an entry
        (
            "The armed forces thwarted an attempt by terrorists to infiltrate Hama.",
            {("hama", "government", "repelled", "2024-12-01", "reported")},
        ),
        # a withdrawal of named units, and a handover to the new authorities
        (
            "The SDF has withdrawn its forces from Tabqa.",
            {("tabqa", "sdf", "withdrew", "2024-12-01", "reported")},
        ),
        (
            "Kurdish forces have handed Tabqa to the new authorities.",
            {("tabqa", "sdf", "withdrew", "2024-12-01", "reported")},
        ),
        # evacuated from, patrols in the streets, an offensive to retake, a town "now free"
        (
            "SDF fighters were evacuated from Tal Rifaat under a deal.",
            {("tel-rifaat", "sdf", "withdrew", "2024-12-01", "reported")},
        ),
        (
            "HTS fighters patrolled the streets of Hama on Saturday.",
            {("hama", "opposition", "entered", "2024-11-30", "reported")},
        ),
        (
            "The Syrian army launched a counter-offensive to retake Hama.",
            {("hama", "government", "advancing", "2024-12-01", "reported")},
        ),
        (
            "As the troops melted away, residents chanted that Homs was free.",
            {("homs", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # a postposed adjective holds for the list before it; places "given up"
        (
            "Jisr al-Shughur and Idlib city, opposition-held throughout, were quiet.",
            {
                ("jisr-al-shughur", "opposition", "captured", "2024-12-01", "reported"),
                ("idlib", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        (
            "Morek and Kafr Zita had been given up, the monitor said.",
            {
                ("morek", "government", "withdrew", "2024-12-01", "claimed"),
                ("kafr-zita", "government", "withdrew", "2024-12-01", "claimed"),
            },
        ),
        # "got into", "went into", "filled the vacuum in", an object that includes places
        (
            "Terrorists had got into the city of Homs, the army said.",
            {("homs", "opposition", "entered", "2024-12-01", "claimed")},
        ),
        (
            "Kurdish forces filled the vacuum in Raqqa on Friday.",
            {("raqqa", "sdf", "captured", "2024-11-29", "reported")},
        ),
        (
            "The army still holds the road, including the town of Morek.",
            {("morek", "government", "captured", "2024-12-01", "reported")},
        ),
        # unnamed places after a quantifier ("a string of", "some 20 more", "the final")
        (
            "Rebels overran a string of villages east of Hama on Friday.",
            {(None, "opposition", "captured", "2024-11-29", "reported")},
        ),
        (
            "Insurgents have seized some 20 more settlements since Saturday.",
            {(None, "opposition", "captured", "2024-11-30", "reported")},
        ),
        (
            "The army said it regained 'several areas' on Friday.",
            {(None, "government", "recaptured", "2024-11-29", "claimed")},
        ),
        (
            "Rebels freed the last village on the edge of Homs city on Friday.",
            {(None, "opposition", "captured", "2024-11-29", "reported")},
        ),
        (
            "Rebels were seizing back several towns on Friday.",
            {(None, "opposition", "recaptured", "2024-11-29", "reported")},
        ),
        # the loser named by "cost"; the date of an aside is the aside's
        (
            "The assault, launched on Wednesday, has cost the army a belt of villages.",
            {(None, "government", "withdrew", "2024-12-01", "reported")},
        ),
        # a region's unnamed parts are no claim on the region; the sentence places them
        (
            "Daraa's governor fled as local gunmen seized a string of checkpoints in southern "
            "Syria on Friday.",
            {(None, "southern_opposition", "captured", "2024-11-29", "reported")},
        ),
        # a nominal entry with a long agent, and the parts of several cities
        (
            "Activists reported the entry of Hayat Tahrir al-Sham and allied factions into the "
            "town of Morek on Friday.",
            {("morek", "opposition", "entered", "2024-11-29", "claimed")},
        ),
        (
            "Government units handed over their remaining positions in the city centres of "
            "Raqqa and Tabqa on Friday.",
            {
                ("raqqa", "government", "withdrew", "2024-11-29", "reported"),
                ("tabqa", "government", "withdrew", "2024-11-29", "reported"),
            },
        ),
        # unnamed positions beside a city: its countryside on that side
        (
            "Rebels seized several checkpoints east of Hama on Friday.",
            {("eastern-hama-countryside", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # an outlet's epithet keeps the side it first named
        (
            "The SNA entered Tal Rifaat, held by PKK/YPG terrorists since 2016. The terrorists "
            "had vacated their last positions in the town overnight.",
            {
                ("tel-rifaat", "sna", "entered", "2024-12-01", "reported"),
                ("tel-rifaat", "sdf", "captured", "2024-12-01", "reported"),
                ("tel-rifaat", "sdf", "withdrew", "2024-11-30", "reported"),
            },
        ),
        # "is now in the hands of" is a standing state, not "is now in" (presence); a place in
        # "Syria's X province" only locates, for the subject and for "the city" after it
        (
            "Hama is now in the hands of the rebels.",
            {("hama", "opposition", "captured", "2024-12-01", "reported")},
        ),
        (
            "The town of Salamiyah in Syria's Hama province remains in the hands of the rebels. "
            "The city fell to them on Friday.",
            {
                ("salamiyah", "opposition", "captured", "2024-12-01", "reported"),
                ("salamiyah", "opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # settling into, holed up in (parts of a city: the city), celebrating in
        (
            "SNA units were settling into the southern part of Tadef on Friday.",
            {("tadif", "sna", "captured", "2024-11-29", "reported")},
        ),
        (
            "Kurdish fighters are holed up in two districts of Raqqa.",
            {("raqqa", "sdf", "captured", "2024-12-01", "reported")},
        ),
        (
            "Footage showed fighters celebrating in central Salamiyah on Friday.",
            {("salamiyah", "opposition", "entered", "2024-11-29", "reported")},
        ),
        # an army garrison, an army checkpoint: no actor, the subject stays the subject
        (
            "The southern factions said they had entered Izraa, the last army garrison on the "
            "road, and were less than 30 kilometres from Damascus.",
            {
                ("izra", "southern_opposition", "entered", "2024-12-01", "claimed"),
                ("damascus", "southern_opposition", "advancing", "2024-12-01", "claimed"),
            },
        ),
        # an actor's possessive before what it owns is no subject ("the army's positions")
        (
            "Insurgents overran the army's positions around Morek and seized the town.",
            {("morek", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # "pressing on toward", "the whole of", "the capital" with no place named before
        (
            "The opposition is pressing on toward Homs.",
            {("homs", "opposition", "advancing", "2024-12-01", "reported")},
        ),
        (
            "Local factions controlled the whole of Quneitra province.",
            {("quneitra-governorate", "opposition", "captured", "2024-12-01", "reported")},
        ),
        (
            "Rebels are now less than 20 miles from the capital.",
            {("damascus", "opposition", "advancing", "2024-12-01", "reported")},
        ),
        # a passive encirclement with its agent; "by" that names no actor makes no claim
        (
            "Activists said Tal Rifaat had been completely surrounded by the SNA on Friday.",
            {("tel-rifaat", "sna", "besieging", "2024-11-29", "claimed")},
        ),
        # the taker a withdrawal hands the place to; one the lexicon does not know is no one
        (
            "Government forces abandoned Raqqa on Friday, leaving it to the SDF.",
            {
                ("raqqa", "government", "withdrew", "2024-11-29", "reported"),
                ("raqqa", "sdf", "captured", "2024-11-29", "reported"),
            },
        ),
        (
            "The SDF pulled its fighters out of Raqqa, handing it over to tribal forces.",
            {("raqqa", "sdf", "withdrew", "2024-12-01", "reported")},
        ),
        # an unnamed military base
        (
            "Rebels overran a military base near the town of Morek on Friday.",
            {(None, "opposition", "captured", "2024-11-29", "reported")},
        ),
        # "have taken over" with no object: the place the sentence left
        (
            "Government forces have withdrawn from Raqqa, and Kurdish-led forces have taken over.",
            {
                ("raqqa", "government", "withdrew", "2024-12-01", "reported"),
                ("raqqa", "sdf", "captured", "2024-12-01", "reported"),
            },
        ),
        # a place described before its name; a headline's "quits"
        (
            "Hezbollah fighters left the Syrian border town of Qusayr on Friday.",
            {("al-qusayr", "government", "withdrew", "2024-11-29", "reported")},
        ),
        (
            "Rebels enter Ismaili town of Salamiyah",
            {("salamiyah", "opposition", "entered", "2024-12-01", "reported")},
        ),
        (
            "Regime quits Raqqa and Tabqa",
            {
                ("raqqa", "government", "withdrew", "2024-12-01", "reported"),
                ("tabqa", "government", "withdrew", "2024-12-01", "reported"),
            },
        ),
        # an analyst's hedge on a past event is a claim; "the likely fall of" is none
        (
            "Opposition forces likely seized Morek on November 29.",
            {("morek", "opposition", "captured", "2024-11-29", "claimed")},
        ),
        # an agentless encirclement is the attacker's
        (
            "Rebels attacked Hama. The units in Qamhana were cut off on Friday.",
            {("qumhanah", "opposition", "besieging", "2024-11-29", "reported")},
        ),
        # "gave up X"; distances as a range, or reached by "bringing them within"
        (
            "Government forces gave up the city of Raqqa on Friday.",
            {("raqqa", "government", "withdrew", "2024-11-29", "reported")},
        ),
        (
            "Rebels were within three to four kilometres of Homs on Friday.",
            {("homs", "opposition", "advancing", "2024-11-29", "reported")},
        ),
        # "the city" after "a town, north of a city" is the city
        (
            "Rebels captured Suran, north of Hama, on Friday, bringing them within about 10 "
            "kilometres of the city.",
            {
                ("suran-hama", "opposition", "captured", "2024-11-29", "reported"),
                ("hama", "opposition", "advancing", "2024-11-29", "reported"),
            },
        ),
        # an adverbial aside between a subject and its verb, and its actor
        (
            "Homs, after a night in which the army melted away, was declared taken on Friday.",
            {
                ("homs", "government", "withdrew", "2024-11-29", "claimed"),
                ("homs", "opposition", "captured", "2024-11-29", "claimed"),
            },
        ),
        (
            "Salamiyah, for example, appears to have been taken on Friday.",
            {("salamiyah", "opposition", "captured", "2024-11-29", "claimed")},
        ),
        # a participle aside between a subject and its verb, and its actor
        (
            "Rebels attacked Raqqa. The town, held by Kurdish fighters since 2016, fell on Friday.",
            {
                ("raqqa", "sdf", "captured", "2024-12-01", "reported"),
                ("raqqa", "opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # "but" without a comma still opens a clause with its own date
        (
            "Government forces retook Suran on Friday but lost it again on Saturday.",
            {
                ("suran-hama", "government", "recaptured", "2024-11-29", "reported"),
                ("suran-hama", "government", "withdrew", "2024-11-30", "reported"),
            },
        ),
        # the place "where" refers to, past the place that locates it
        (
            "Fighting raged near Tishreen Dam, south-east of Manbij, where the SDF said it had "
            "repelled an attack.",
            {("tishreen-dam", "sdf", "repelled", "2024-12-01", "claimed")},
        ),
        # "a line of defence" with no place after it: the place named before; a cordon
        # "had been established around"; a city's countryside that is a governorate
        (
            "Army units operating in the northern Hama countryside have established a strong "
            "line of defence.",
            {
                (
                    "northern-hama-countryside",
                    "government",
                    "defensive_line",
                    "2024-12-01",
                    "reported",
                )
            },
        ),
        (
            "The minister said a strong military cordon had been established around Damascus "
            "and its countryside.",
            {
                ("damascus", "government", "defensive_line", "2024-12-01", "claimed"),
                (
                    "rif-dimashq-governorate",
                    "government",
                    "defensive_line",
                    "2024-12-01",
                    "claimed",
                ),
            },
        ),
        # officials leaving their offices in the place named before
        (
            "In Sweida, government officials left their offices on Friday.",
            {("suwayda", "government", "withdrew", "2024-11-29", "reported")},
        ),
        # a force named by who leads it; advancing through a city's neighbourhoods
        (
            "By dawn on Friday the HTS-led columns were in Rastan.",
            {("rastan", "opposition", "entered", "2024-11-29", "reported")},
        ),
        (
            "SNA fighters have advanced through the neighbourhoods of Manbij city.",
            {("manbij", "sna", "entered", "2024-12-01", "reported")},
        ),
        # "the city" after a district named for its town is the town
        (
            "The SNA controlled 80 percent of the Manbij area and had pushed into the city centre.",
            {
                ("manbij-district", "sna", "captured", "2024-12-01", "reported"),
                ("manbij", "sna", "entered", "2024-12-01", "reported"),
            },
        ),
        # "lost X to Y": Y took it (the army's taking back is a recapture)
        (
            "Kurdish fighters retreated after losing Deir Hafer to the SNA on Friday.",
            {
                ("deir-hafer", "sdf", "withdrew", "2024-11-29", "reported"),
                ("deir-hafer", "sna", "captured", "2024-11-29", "reported"),
            },
        ),
        (
            "The rebels lost Morek to the army on Friday.",
            {
                ("morek", "opposition", "withdrew", "2024-11-29", "reported"),
                ("morek", "government", "recaptured", "2024-11-29", "reported"),
            },
        ),
        # unnamed places located by a city, as a passive's subject: not the city
        (
            "Several villages west of Aleppo were overrun by the insurgents on Friday.",
            {(None, "opposition", "captured", "2024-11-29", "reported")},
        ),
        # "reached its outskirts": at the town named before, not in it
        (
            "Rebels took Morek on Friday and reached its southern outskirts.",
            {
                ("morek", "opposition", "captured", "2024-11-29", "reported"),
                ("morek", "opposition", "advancing", "2024-11-29", "reported"),
            },
        ),
        # the army "redeployed in" a provincial capital's name: the province; "outside" it
        # or "in the city": the city
        (
            "The army said it had redeployed in Raqqa and Hasakah on Friday.",
            {
                ("raqqa-governorate", "government", "withdrew", "2024-11-29", "claimed"),
                ("hasakah-governorate", "government", "withdrew", "2024-11-29", "claimed"),
            },
        ),
        (
            "The army said its units had repositioned outside Hama on Friday.",
            {("hama", "government", "withdrew", "2024-11-29", "claimed")},
        ),
        (
            "In Raqqa and Hasakah, our forces operating there carried out redeployment and "
            "repositioning operations, the army's General Command said.",
            {
                ("raqqa-governorate", "government", "withdrew", "2024-12-01", "claimed"),
                ("hasakah-governorate", "government", "withdrew", "2024-12-01", "claimed"),
            },
        ),
        (
            "The army said the units stationed in Hama have redeployed outside the city.",
            {("hama", "government", "withdrew", "2024-12-01", "claimed")},
        ),
        # "their province" refers back like "the province"
        (
            "Rebels seized Daraa late on Friday, and Sweida's Druze militias had taken over "
            "their province's institutions by Saturday.",
            {
                ("daraa", "southern_opposition", "captured", "2024-11-29", "reported"),
                (
                    "suwayda-governorate",
                    "southern_opposition",
                    "captured",
                    "2024-11-30",
                    "reported",
                ),
            },
        ),
        # a place "simply left" or "left undefended": the holder withdrew
        (
            "In Damascus, the Mezzeh air base was simply left on Friday.",
            {("mezzeh-air-base", "government", "withdrew", "2024-11-29", "reported")},
        ),
        # "the city centres of X and Y" names its cities; agentless defensive lines are the
        # speaker's side's
        (
            "The SDF took Deir ez-Zor on Friday. On Saturday, regime forces handed over their "
            "remaining positions in the city centres of Raqqa and Tabqa.",
            {
                ("deir-ez-zor", "sdf", "captured", "2024-11-29", "reported"),
                ("raqqa", "government", "withdrew", "2024-11-30", "reported"),
                ("tabqa", "government", "withdrew", "2024-11-30", "reported"),
            },
        ),
        (
            "The Ministry of Defence added that units operating in the northern Hama countryside "
            "have established a strong line of defence.",
            {
                (
                    "northern-hama-countryside",
                    "government",
                    "defensive_line",
                    "2024-12-01",
                    "claimed",
                )
            },
        ),
        # a relative clause's antecedent after a type noun ("… industrial zone, which …")
        (
            "The SNA settled in the Sheikh Najjar industrial zone, which anti-regime groups had "
            "captured on Friday.",
            {
                ("sheikh-najjar", "sna", "captured", "2024-12-01", "reported"),
                ("sheikh-najjar", "opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # a day between the words of a phrase
        (
            "Opposition factions moved on Wednesday into Salamiyah.",
            {("salamiyah", "opposition", "entered", "2024-11-27", "reported")},
        ),
        (
            "Government troops pulled late on Friday out of Morek.",
            {("morek", "government", "withdrew", "2024-11-29", "reported")},
        ),
        # a standing state is of the day of writing, unless a date fronts its verb
        (
            "Saturday 30 November. By evening the rebels held the citadel of Aleppo.",
            {("aleppo-citadel", "opposition", "captured", "2024-11-30", "reported")},
        ),
        (
            "On Friday the rebels held Saraqib.",
            {("saraqib", "opposition", "captured", "2024-11-29", "reported")},
        ),
        (
            "Overnight, airstrikes on Idlib city, the rebel-held bastion, killed four civilians.",
            {("idlib", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # "we" in a speaker's words is the speaker's side
        (
            "'We have entered Hama,' an HTS commander said on Thursday.",
            {("hama", "opposition", "entered", "2024-11-28", "claimed")},
        ),
        # "leaving <the places> to <a side>": the side takes them
        (
            "Government troops retreated from Morek and Suran on Friday, leaving the two towns "
            "to the rebels.",
            {
                ("morek", "government", "withdrew", "2024-11-29", "reported"),
                ("suran-hama", "government", "withdrew", "2024-11-29", "reported"),
                ("morek", "opposition", "captured", "2024-11-29", "reported"),
                ("suran-hama", "opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # a denial ends where the speaker goes on to claim ("…, saying …")
        (
            "State media denied that rebels had entered Hama, saying the army was in full "
            "control of the city.",
            {
                ("hama", "opposition", "entered", "2024-12-01", "denied"),
                ("hama", "government", "captured", "2024-12-01", "claimed"),
            },
        ),
        # "the province of" names the governorate, also where its capital is a town
        (
            "Rebels now control the entire province of Quneitra, the Observatory said.",
            {("quneitra-governorate", "opposition", "captured", "2024-12-01", "claimed")},
        ),
        (
            "The takeover of Saraqib will enable the factions to cut the road.",
            {("saraqib", "opposition", "captured", "2024-12-01", "reported")},
        ),
        # fighters named by the southern province they come from are the southern opposition,
        # wherever they fight; the place in their name is no bar to them being an actor
        (
            "Opposition factions from Daraa reached the outskirts of Damascus on Saturday.",
            {("damascus", "southern_opposition", "advancing", "2024-11-30", "reported")},
        ),
        # what a counted object includes: each place its own claim
        (
            "Rebels seized 14 villages in the northern Hama countryside on Sunday, including "
            "Morek and Kafr Zita.",
            {
                # villages counted in an area: the area
                ("northern-hama-countryside", "opposition", "captured", "2024-12-01", "reported"),
                ("morek", "opposition", "captured", "2024-12-01", "reported"),
                ("kafr-zita", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        (
            "Rebels seized some 20 settlements to the city's west over the past 24 hours, "
            "including the Armoured Vehicles School, the Khattab ammunition depot and Morek.",
            {
                (None, "opposition", "captured", "2024-12-01", "reported"),
                ("khattab--ammunition-depot", "opposition", "captured", "2024-12-01", "reported"),
                ("morek", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # the fighters of HTS's civil administration are the opposition
        (
            "Fighters loyal to the Syrian Salvation Government entered Hama on Friday.",
            {("hama", "opposition", "entered", "2024-11-29", "reported")},
        ),
        # "the airport" of the one place later in its sentence that has one; districts of a
        # city coordinated after it are the city
        (
            "Kurdish-led forces took control of the airport and several neighbourhoods in the "
            "north of Aleppo on Friday.",
            {
                ("aleppo-international-airport", "sdf", "captured", "2024-11-29", "reported"),
                ("aleppo", "sdf", "captured", "2024-11-29", "reported"),
            },
        ),
        # "could not verify claims that …": claims of nobody named
        (
            "Reuters could not independently verify claims that the rebels had reached Hama.",
            {("hama", "opposition", "entered", "2024-12-01", "claimed")},
        ),
        # "the group" in a spokesman's denial is the spokesman's own
        (
            "An SDF spokesman dismissed reports that the group had withdrawn from Tal Rifaat.",
            {("tel-rifaat", "sdf", "withdrew", "2024-12-01", "denied")},
        ),
        # breaking through lines is an advance where they stand
        (
            "Insurgents broke through the army's lines in the northern countryside of Hama on "
            "Sunday.",
            {("northern-hama-countryside", "opposition", "advancing", "2024-12-01", "reported")},
        ),
        (
            "A Syrian military source said troops were redeployed to positions outside Hama.",
            {("hama", "government", "withdrew", "2024-12-01", "claimed")},
        ),
        # a speech verb in an adverbial clause after the claim does not attribute it
        (
            "Opposition fighters were seen in the streets of Hama on Thursday, hours after the "
            "army announced its withdrawal from the city.",
            {
                ("hama", "opposition", "entered", "2024-11-28", "reported"),
                ("hama", "government", "withdrew", "2024-11-28", "claimed"),
            },
        ),
        # a year in an apposition dates the description, not the fall
        (
            "Daraa, the cradle of the 2011 uprising, fell to rebels on Friday night.",
            {("daraa", "southern_opposition", "captured", "2024-11-29", "reported")},
        ),
        (
            "Rebels said they now control around 90 percent of Daraa province.",
            {("daraa-governorate", "southern_opposition", "captured", "2024-12-01", "claimed")},
        ),
        # handing a place over to a side: the side takes it (its regional name where it has one)
        (
            "The army handed Daraa over to local fighters on Friday.",
            {
                ("daraa", "government", "withdrew", "2024-11-29", "reported"),
                ("daraa", "southern_opposition", "captured", "2024-11-29", "reported"),
            },
        ),
        # resisting inside a place: the defender still holds it
        (
            "The SDF said its forces were still resisting in parts of Manbij.",
            {("manbij", "sdf", "captured", "2024-12-01", "claimed")},
        ),
        # a description between a subject and its verb: its places are not subjects
        (
            "Saraqib, a key town at the junction of the M4 and M5 highways, came under rebel "
            "control on Friday.",
            {("saraqib", "opposition", "captured", "2024-11-29", "reported")},
        ),
        (
            "Morek, a town near Hama, came under rebel control on Friday.",
            {("morek", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # an aside naming who helps is not the subject
        (
            "Syrian troops, with support from Russian aircraft, repelled a terrorist attack on "
            "Morek on Sunday.",
            {("morek", "government", "repelled", "2024-12-01", "reported")},
        ),
        # "X's fall": what fell is the possessor
        (
            "Hama's fall on Thursday came after days of fighting.",
            {("hama", "opposition", "captured", "2024-11-28", "reported")},
        ),
        (
            "Government forces are no longer present in Deir ez-Zor, residents said.",
            {("deir-ez-zor", "government", "withdrew", "2024-12-01", "claimed")},
        ),
        (
            "Insurgents seized four towns in the central province of Hama early Tuesday.",
            {("hama-governorate", "opposition", "captured", "2024-11-26", "reported")},
        ),
        # the buildings and branches of a city are the city
        (
            "Local fighters took over the security branches in Sweida city on Friday.",
            {("suwayda", "southern_opposition", "captured", "2024-11-29", "reported")},
        ),
        # a participle after a determiner is an adjective, not a withdrawal
        (
            "Asayish forces moved into the vacated buildings on Saturday.",
            {(None, "sdf", "entered", "2024-11-30", "reported")},
        ),
        # a passive hand-over names the taker after "to"
        (
            "Tal Rifaat was handed to the SNA on Sunday.",
            {("tel-rifaat", "sna", "captured", "2024-12-01", "reported")},
        ),
        # a facility named after its town, though its parent row is the governorate
        (
            "The SDF now controls the border crossing with Iraq at al-Bukamal.",
            {("albu-kamal-border-crossing", "sdf", "captured", "2024-12-01", "reported")},
        ),
        # "the countryside of X and Y": both countrysides
        (
            "Rebels seized dozens of villages and towns in the countryside of Idlib and Hama on "
            "Sunday.",
            {
                (None, "opposition", "captured", "2024-12-01", "reported"),
                ("idlib-countryside", "opposition", "captured", "2024-12-01", "reported"),
                ("hama-countryside", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        # unnamed places lost to a side: the side takes them
        (
            "The SDF has lost at least 20 villages to the SNA since Friday.",
            {
                (None, "sdf", "withdrew", "2024-11-29", "reported"),
                (None, "sna", "captured", "2024-11-29", "reported"),
            },
        ),
        # what a change makes possible is no change yet
        (
            "Government forces abandoned Khanasir on Sunday, opening the way for the rebels to "
            "advance on Safira.",
            {("khanasir", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # a withdrawal towards a place, in the clause after the place it left; and the facility
        # of the place left, not of the destination
        (
            "Rebels now control the whole of Hama city after regime forces withdrew towards "
            "Homs, and they have also seized the central prison.",
            {
                ("hama", "opposition", "captured", "2024-12-01", "reported"),
                ("hama", "government", "withdrew", "2024-12-01", "reported"),
                ("hama-central-prison", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        (
            "The army withdrew towards Homs on Thursday.",
            set(),
        ),
        # an attack repelled where it was made
        (
            "Syrian troops repelled the aggression of terrorists in the Idlib de-escalation zone.",
            {("idlib-de-escalation-zone", "government", "repelled", "2024-12-01", "reported")},
        ),
        (
            "The army repelled an attack by militants near Morek.",
            {("morek", "government", "repelled", "2024-12-01", "reported")},
        ),
        # a withdrawal no one is named for, in a party's statement: the party's own
        (
            "The army said on Saturday that the pullback from Morek was temporary.",
            {("morek", "government", "withdrew", "2024-11-30", "claimed")},
        ),
        # a withdrawal with the way it went
        (
            "Government forces pulled back north from Morek on Sunday.",
            {("morek", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # the place left follows the destination
        (
            "Government troops retreated towards Hama from Morek on Sunday.",
            {("morek", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # an offensive on one side of a city: the city's countryside there
        (
            "The army launched a counteroffensive south of Idlib on Sunday.",
            {("southern-idlib-countryside", "government", "advancing", "2024-12-01", "reported")},
        ),
        # standing at a city's gates or walls: at its edge
        (
            "Rebels took Talbiseh on Friday and now stand at its walls.",
            {
                ("talbiseh", "opposition", "captured", "2024-11-29", "reported"),
                ("talbiseh", "opposition", "advancing", "2024-12-01", "reported"),
            },
        ),
        (
            "Rebels are on the outskirts of Homs, residents said.",
            {("homs", "opposition", "advancing", "2024-12-01", "claimed")},
        ),
        (
            "Rebels stood at the gates of Homs on Friday.",
            {("homs", "opposition", "advancing", "2024-11-29", "reported")},
        ),
    ],
)
def test_recurring_phrasings(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a place inside a locating phrase is not the object
        "Rebels seized the southern town of Sanamayn, near Damascus.",
        "Insurgents captured the airport of the city of Aleppo.",
    ],
)
def test_locating_places_are_not_objects(gazetteer, text):
    places = {c.place_id for c in extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)}
    assert "damascus" not in places and "aleppo" not in places


@pytest.mark.parametrize(
    "text",
    [
        "The palace denied rumours that the president had left the capital.",
        "The army declared its readiness to repel any attack on Homs.",
        "If Hama falls, the road to Homs is open.",
        "The rebels vowed to march on Damascus.",
        "Russian warplanes struck Idlib city overnight.",
        "In 2016, government forces recaptured Aleppo after a long siege.",
        "After the 2011 protests, the fall of Aleppo secured the president's hold.",
        "Fighting near Morek killed 12 soldiers, the monitor said.",
        "The Kurdish fighters, who had held Tal Rifaat since 2016, negotiated.",
        "Morek fell in October 2012 and stayed rebel-held until troops recaptured it in 2019.",
        "Tadef has changed hands twice this week.",
        "Rebels moved in on Damascus.",
        "Rebels handed the prisoners to the Red Cross in Hama.",
        "Homs is free of terrorists.",
        "Hama is surrounded by areas that the regime controls.",
        "Three soldiers were left dead in Hama.",
        # a preposition before the described place: where they went, not what they left
        "The militias withdrew toward the Iraqi town of al-Qaim.",
        # where a withdrawal goes is no place withdrawn from
        "The SDF is pulling its remaining fighters back east of the Euphrates.",
        "The likely fall of Hama worries Damascus.",
        "Homs was besieged in fighting between 2011 and 2014 before rebels agreed to leave it.",
        "The army gave up on retaking Hama.",
        "An army that could not keep the road open is not going to hold Homs.",
        "Fighting raged near Hama amid an attempt by the factions to storm the city.",
        # an actor's own positions are held already, not taken
        "Army units in Homs are in their positions and holding its posts.",
        # the when-clause is as old as the year before it
        "Morek first slipped out of army hands in May 2012, when rebels overran the last posts.",
        "The Euphrates, which feeds the dams, remains under the control of the SDF.",
        # the writer of an analysis is no side
        "We have not been able to establish who controls Deir Hafer, east of Kuweires, and have "
        "left it uncoloured.",
        # a nominal change followed by a modal is one that may come
        "The fall of Homs would cut Damascus off from the coast.",
        "The capture of Hama, analysts say, could open the road to Homs.",
    ],
)
def test_not_claims(gazetteer, text):
    assert claims(gazetteer, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The Kurdish districts of Aleppo were never stormed, the monitor said.",
        "Hama was not stormed, the army said.",
        "Hama has not fallen.",
    ],
)
def test_negated_changes_are_never_asserted(gazetteer, text):
    assert all(status == "denied" for *_, status in claims(gazetteer, text))


@pytest.mark.parametrize(
    "text",
    [
        "The army denied that Homs had fallen.",
        "Reports that rebels had entered Homs were false, the ministry said.",
    ],
)
def test_denials_of_a_reported_change_deny_the_attacker(gazetteer, text):
    assert claims(gazetteer, text) == {
        (c_id, "opposition", action, "2024-12-01", "denied")
        for c_id, action in [("homs", "captured" if "fallen" in text else "entered")]
    }


def test_static_description_of_a_province_does_not_flip_its_places(gazetteer):
    """'The province of Homs, which is controlled by the government' describes; the timeline
    applies area claims only with an explicit all/most, so it moves no village."""
    from geo.pipeline import baseline
    from geo.timeline import control_timeline

    text = "The province of Idlib, which is controlled by the government, is calm."
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert {c.place_id for c in found} <= {"idlib-governorate"}
    timeline = control_timeline(
        found, baseline(), date(2024, 11, 30), PUBLISHED, gazetteer=gazetteer
    )
    idlib_city = timeline[timeline["place_id"] == "idlib"]
    assert set(idlib_city["controller"]) == {"opposition"}


def test_a_hedge_on_its_own_attributed_claim_leaves_the_sentence_before_reported(gazetteer):
    text = (
        "Rebels entered Sarmin on Friday. Fighters also moved into Zuwaybat al-Ward, a "
        "commander said; the claim could not be independently verified."
    )
    assert claims(gazetteer, text) == {
        ("sarmin", "opposition", "entered", "2024-11-29", "reported")
    }
    hedged = "Rebels entered Sarmin on Friday. This could not be independently verified."
    assert claims(gazetteer, hedged) == {
        ("sarmin", "opposition", "entered", "2024-11-29", "claimed")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the headline's unnamed town is the first town the story names; its source prefix
        # makes it a claim
        (
            "Kan: army pulls back from town near the Golan\n\nRegime forces have left Inkhil, "
            "a town in Daraa province, according to Kan.",
            {
                ("inkhil", "government", "withdrew", "2024-12-01", "claimed", "Kan"),
                ("inkhil", "government", "withdrew", "2024-12-01", "claimed", "Kan"),
            },
        ),
        # an undated headline takes the story's date for the same change
        (
            "Rebels take Sarmin: monitor\n\nRebels took Sarmin on Friday.",
            {
                ("sarmin", "opposition", "captured", "2024-11-29", "claimed", "monitor"),
                ("sarmin", "opposition", "captured", "2024-11-29", "reported", "reporter"),
            },
        ),
        # a holder before the place describes it; the headline seizes the place
        (
            "Pro-Turkey fighters seize Kurdish-held Tal Rifaat\n\nTurkish-backed factions "
            "seized Tal Rifaat on Sunday. Tal Rifaat, about 20 km north of Aleppo, had been held "
            "by Kurdish forces since 2016.",
            {
                ("tel-rifaat", "sna", "captured", "2024-12-01", "reported", "reporter"),
                ("tel-rifaat", "sdf", "captured", "2024-12-01", "reported", "reporter"),
            },
        ),
    ],
)
def test_headlines(gazetteer, text, expected):
    got = {
        (c.place_id, c.actor, c.action, c.event_date.isoformat(), c.status, c.claimant)
        for c in extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    }
    assert got == expected


def test_a_liveblog_timestamp_is_no_part_of_the_speaker(gazetteer):
    found = extract_claims(
        "10:45 GMT - Rebels say they have entered Homs.", published=PUBLISHED, gazetteer=gazetteer
    )
    assert [(c.place_id, c.status, c.claimant) for c in found] == [("homs", "claimed", "Rebels")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The army dismissed as false reports that Hama had fallen.", "The army"),
        (
            "The source described the reports about the fall of Hama as completely false.",
            "The source",
        ),
    ],
)
def test_a_verdict_denies_the_report_it_judges(gazetteer, text, speaker):
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert [(c.place_id, c.action, c.status, c.claimant) for c in found] == [
        ("hama", "captured", "denied", speaker)
    ]


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [
        ("state media (SANA)", ("claimed", "SANA")),
        ("rebel Telegram statement", ("claimed", "rebel Telegram statement")),
        ("wire (Reuters-style)", ("reported", "reporter")),
        ("monitor (SOHR)", ("reported", "reporter")),  # a monitor speaks for no side
        ("local outlet (pro-government daily)", ("reported", "reporter")),
        (None, ("reported", "reporter")),
    ],
)
def test_a_partys_own_channel_claims_what_it_reports(gazetteer, outlet, expected):
    found = extract_claims(
        "Army units restored control over Morek on Friday.",
        published=PUBLISHED,
        gazetteer=gazetteer,
        outlet=outlet,
    )
    assert [(c.status, c.claimant) for c in found] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline that names its source before a colon
        ("SANA: Army units repel terrorist attack on Morek", ("claimed", "SANA")),
        ("Hama: Army units repel terrorist attack on Morek", ("reported", "reporter")),
        # other outlets' agencies, quoted by name
        ("Anadolu: The SNA has liberated Tal Rifaat.", ("claimed", "Anadolu")),
        # a source with its channel, after a liveblog's time
        ("18:05 GMT – HTS, on Telegram: 'Our fighters have entered Morek.'", ("claimed", "HTS")),
        ("TASS: Syrian troops repel a terrorist attack on Morek.", ("claimed", "TASS")),
    ],
)
def test_a_source_named_before_a_colon_claims_the_sentence(gazetteer, text, expected):
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert [(c.status, c.claimant) for c in found] == [expected]


def test_yet_to_denies_the_change(gazetteer):
    text = "Rebels have yet to enter Homs, though they are closing in."
    assert claims(gazetteer, text) == {("homs", "opposition", "entered", "2024-12-01", "denied")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial ends where another clause begins
        (
            "SDF denies leaving Raqqa as Turkish-backed factions press on Manbij",
            {
                ("raqqa", "sdf", "withdrew", "2024-12-01", "denied"),
                ("manbij", "sna", "advancing", "2024-12-01", "reported"),
            },
        ),
        # a denial verb covers what follows it, not what the sentence said before it
        (
            "The army said it was reinforcing positions around Homs and dismissed as lies "
            "reports that it had abandoned Hama.",
            {
                ("homs", "government", "defensive_line", "2024-12-01", "claimed"),
                ("hama", "government", "withdrew", "2024-12-01", "denied"),
            },
        ),
        # a correction label covers its sentence; after "incorrect:" a new assertion follows
        (
            "CORRECTION: An earlier version of this story said rebels had captured Morek.",
            {("morek", "opposition", "captured", "2024-12-01", "denied")},
        ),
        (
            "That was incorrect: Morek remains in government hands.",
            {("morek", "government", "captured", "2024-12-01", "reported")},
        ),
    ],
)
def test_the_reach_of_denials_and_corrections(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the speaker is the tag's own subject, not a source named elsewhere in the sentence
        (
            "Turkish-backed fighters took Tal Rifaat from the SDF, Turkish officials said.",
            "Turkish officials",
        ),
        ("Rebels took Hama from the army, SOHR said.", "SOHR"),
        (
            "The Syrian Observatory for Human Rights, a UK-based monitor, said rebels took Hama.",
            "SOHR",
        ),
    ],
)
def test_the_claimant_is_the_speech_verbs_subject(gazetteer, text, claimant):
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert {c.claimant for c in found} == {claimant}


def test_counted_parts_of_a_city_are_the_city(gazetteer):
    text = "Terrorist groups have infiltrated a number of neighbourhoods of Aleppo city."
    assert claims(gazetteer, text) == {
        ("aleppo", "opposition", "entered", "2024-12-01", "reported")
    }


def test_a_denial_with_a_place_of_its_own_denies_no_claim_before_it(gazetteer):
    text = (
        "Rebels said they had entered Homs. The presidency dismissed as fabrications reports "
        "that the president had left Damascus."
    )
    assert claims(gazetteer, text) == {("homs", "opposition", "entered", "2024-12-01", "claimed")}


def test_the_islamic_state_is_no_speech_verb(gazetteer):
    text = "The SDF has held Raqqa since 2017, when it drove out the Islamic State."
    assert {c.status for c in extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)} == {
        "reported"
    }


def test_a_ministry_named_before_speaks_for_its_side_in_its_defensive_lines(gazetteer):
    text = (
        "The Ministry of Defence said that claims by outlets tied to terrorist organisations that "
        'terrorists had got into the city of Homs were without foundation. "Homs is secure, and '
        "our forces are positioned around the city along firm defensive lines backed by every "
        'kind of weapon," the ministry said.'
    )
    assert claims(gazetteer, text) == {
        ("homs", "opposition", "entered", "2024-12-01", "denied"),
        ("homs", "government", "defensive_line", "2024-12-01", "claimed"),
    }


def claims_on(gazetteer, text, published):
    return {
        (c.place_id, c.actor, c.action, c.event_date.isoformat(), c.status)
        for c in extract_claims(text, published=published, gazetteer=gazetteer)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "his forces", "its forces" after a speech verb: the speaker's own side, not the last
        # actor of the text
        (
            "Rebels took Palmyra on Friday. An SDF commander said his forces had also reached "
            "Mayadin, on the Euphrates.",
            {
                ("palmyra", "opposition", "captured", "2024-11-29", "reported"),
                ("al-mayadin", "sdf", "entered", "2024-12-01", "claimed"),
            },
        ),
        (
            "The factions announced they had taken Morek on Saturday, a day after the army said "
            "its forces had secured the town.",
            {
                ("morek", "opposition", "captured", "2024-11-30", "claimed"),
                ("morek", "government", "recaptured", "2024-11-29", "claimed"),
            },
        ),
    ],
)
def test_a_possessive_after_a_speech_verb_is_the_speakers_side(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a participle clause with no comma takes the date of the clause it ends
        (
            "The rebels overran Idlib province last weekend before pushing into the Hama "
            "countryside.",
            date(2024, 12, 5),
            {
                ("idlib-governorate", "opposition", "captured", "2024-11-30", "reported"),
                ("hama-countryside", "opposition", "entered", "2024-11-30", "reported"),
            },
        ),
        # "on the first day": the day the offensive was launched
        (
            "The operation, launched on Friday from Jarabulus, aims to push the YPG east. On "
            "its first day the SNA captured the town of Tadef.",
            date(2024, 12, 2),
            {("tadif", "sna", "captured", "2024-11-29", "reported")},
        ),
        # "over the weekend", written on a Monday: the Sunday
        (
            "Turkish-backed rebels swept into Tal Rifaat over the weekend.",
            date(2024, 12, 2),
            {("tel-rifaat", "sna", "entered", "2024-12-01", "reported")},
        ),
    ],
)
def test_dates_carried_to_a_participle_a_first_day_and_a_weekend(
    gazetteer, text, published, expected
):
    assert claims_on(gazetteer, text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an army statement: in, but without a foothold (a denied capture)
        (
            "According to the command, terrorists have infiltrated districts of Homs but have "
            "been unable to gain a foothold in the city.",
            {
                ("homs", "opposition", "entered", "2024-12-01", "claimed"),
                ("homs", "opposition", "captured", "2024-12-01", "denied"),
            },
        ),
        (
            "The ministry said the terrorists had pushed into parts of Hama but had failed to "
            "set up fixed positions in the city.",
            {
                ("hama", "opposition", "entered", "2024-12-01", "claimed"),
                ("hama", "opposition", "captured", "2024-12-01", "denied"),
            },
        ),
        (
            "The army said the terrorist groups had broken through and made their way into Homs.",
            {("homs", "opposition", "entered", "2024-12-01", "claimed")},
        ),
        # the antecedent of "which" past a direction or a place that locates it
        (
            "The rebels hold the military airport to the south-west of Hama, which troops "
            "abandoned in the afternoon.",
            {
                ("hama-air-base", "opposition", "captured", "2024-12-01", "reported"),
                ("hama-air-base", "government", "withdrew", "2024-12-01", "reported"),
            },
        ),
    ],
)
def test_footholds_ways_in_and_located_antecedents(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named only to date something is no antecedent of "the provincial capital"
        (
            "Homs fell to the rebels on Saturday, days after the fall of Hama, and the army said "
            "its units had repositioned outside the provincial capital.",
            {
                ("homs", "opposition", "captured", "2024-11-30", "claimed"),
                ("hama", "opposition", "captured", "2024-11-30", "claimed"),
                ("homs", "government", "withdrew", "2024-11-30", "claimed"),  # the fall's day
            },
        ),
        # "the air base": the facility named before
        (
            "Rebels said they had stormed Kuweires Air Base on Saturday. The air base east of "
            "Aleppo remains in government hands, the army said.",
            {
                ("kuweires-air-base", "opposition", "entered", "2024-11-30", "claimed"),
                ("kuweires-air-base", "government", "captured", "2024-12-01", "claimed"),
            },
        ),
        # "the dam on the Euphrates": the river only locates the dam; "our forces" after
        # "control of" are the speaker's
        (
            "The SNA said it had reached Tishreen Dam. The dam on the Euphrates remains under "
            "the control of our forces, an SDF spokesman said.",
            {
                ("tishreen-dam", "sna", "entered", "2024-12-01", "claimed"),
                ("tishreen-dam", "sdf", "captured", "2024-12-01", "claimed"),
            },
        ),
        # a date right after the speech verb dates the saying, where the claim has its own
        (
            "The SDF said on Sunday that its fighters had repelled attacks on Manbij overnight.",
            {("manbij", "sdf", "repelled", "2024-11-30", "claimed")},
        ),
    ],
)
def test_antecedents_locators_and_the_date_of_saying(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "had taken X" retells the capture the text already dated
        (
            "Turkish-backed factions seized Manbij on Saturday, a monitor said. The Observatory "
            "said the Turkish-backed factions had taken Manbij.",
            {
                ("manbij", "sna", "captured", "2024-11-30", "claimed"),
            },
        ),
        # but an advance goes on: "had advanced" is not the advance dated before
        (
            "Rebels advanced in the Idlib countryside on Wednesday. The army said rebels had "
            "advanced in the Idlib countryside.",
            {
                ("idlib-countryside", "opposition", "advancing", "2024-11-27", "reported"),
                ("idlib-countryside", "opposition", "advancing", "2024-12-01", "claimed"),
            },
        ),
        # "Two days after Hama fell": counted from the fall the text dated before
        (
            "Rebels took Hama on Thursday. Two days after Hama fell, rebels were in Rastan.",
            {
                ("hama", "opposition", "captured", "2024-11-28", "reported"),
                ("rastan", "opposition", "entered", "2024-11-30", "reported"),
            },
        ),
        # a date of its own sentence still anchors the offset
        (
            "Rebels took Hama on Monday. The SNA began its operation on Saturday, a day after "
            "rebels broke into Hama.",
            {
                ("hama", "opposition", "captured", "2024-11-25", "reported"),
                ("hama", "opposition", "entered", "2024-11-29", "reported"),
            },
        ),
    ],
)
def test_retellings_and_offsets_from_a_dated_change(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "had withdrawn from the town": the other side of the capture dated before
        (
            "Turkish-backed factions occupied Tal Rifaat on Saturday. The SDF said its fighters "
            "had withdrawn from the town to spare civilians.",
            {
                ("tel-rifaat", "sna", "captured", "2024-11-30", "reported"),
                ("tel-rifaat", "sdf", "withdrew", "2024-11-30", "claimed"),
            },
        ),
        # the unnamed villages taken with a retold capture share its date
        (
            "Turkish-backed factions seized Tal Rifaat on Saturday, a monitor said. The "
            "Observatory said the Turkish-backed factions had taken Tal Rifaat and nearby "
            "villages.",
            {
                ("tel-rifaat", "sna", "captured", "2024-11-30", "claimed"),
                (None, "sna", "captured", "2024-11-30", "claimed"),
            },
        ),
        # "the area" is the countryside that locates the towns, not one named before it
        (
            "Homs countryside | HTS fighters entered Rastan and Talbiseh in the northern "
            "countryside of Homs early on Saturday, after regime forces pulled out of the area.",
            {
                ("rastan", "opposition", "entered", "2024-11-30", "reported"),
                ("talbiseh", "opposition", "entered", "2024-11-30", "reported"),
                ("northern-homs-countryside", "government", "withdrew", "2024-12-01", "reported"),
            },
        ),
    ],
)
def test_other_side_of_a_dated_change_and_area_anaphors(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


def test_their_fighters_in_a_sides_own_media_are_that_side(gazetteer):
    text = (
        "The army dismissed as propaganda the claims made by rebel media on Friday that their "
        "fighters had entered Saraqib."
    )
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert [(c.place_id, c.actor, c.action) for c in found] == [
        ("saraqib", "opposition", "entered")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rebels who took a southern province are its opposition in the whole sentence,
        # a speaker ("rebel commanders") being no second force
        (
            "Rebel forces had pushed to within 25 kilometres of Damascus by Saturday, having "
            "taken the province of Suwayda, according to a monitor and rebel commanders.",
            {
                ("damascus", "southern_opposition", "advancing", "2024-11-30", "claimed"),
                ("suwayda-governorate", "southern_opposition", "captured", "2024-11-30", "claimed"),
            },
        ),
        # "putting them less than 20 km from X" (no "within")
        (
            "Rebels entered Rastan, putting them less than 20 kilometres from Homs.",
            {
                ("rastan", "opposition", "entered", "2024-12-01", "reported"),
                ("homs", "opposition", "advancing", "2024-12-01", "reported"),
            },
        ),
    ],
)
def test_regional_rebels_and_distances(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


def test_a_second_verb_of_the_subject_is_not_its_objects(gazetteer):
    # "… had pushed the attackers back overnight and were holding a line": the army holds the
    # line, on the day of writing (the progressive is a state of its own, not the night's)
    text = (
        'The army said its forces had pushed the attackers back overnight and were holding "a '
        'strong defensive line" in the southern Idlib countryside.'
    )
    assert claims(gazetteer, text) == {
        ("southern-idlib-countryside", "government", "defensive_line", "2024-12-01", "claimed")
    }


def test_the_provincial_centre_and_a_possessed_withdrawal(gazetteer):
    # "the regime's withdrawal": the regime withdraws (the subject exploits it); "the
    # provincial centre" is the province's capital, while "the centre" of a town is a part of it
    text = (
        "The SDF exploited the regime's withdrawal from Raqqa province on Friday and occupied "
        "the provincial centre. Rebels were moving toward the centre of Hama."
    )
    assert claims(gazetteer, text) == {
        ("raqqa-governorate", "government", "withdrew", "2024-11-29", "reported"),
        ("raqqa", "sdf", "captured", "2024-11-29", "reported"),
        ("hama", "opposition", "advancing", "2024-12-01", "reported"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's capture is the one the story dates ...
        (
            "Rebels seize Hama\n\nRebels seized Hama on Friday.",
            {("hama", "opposition", "captured", "2024-11-29", "reported")},
        ),
        # ... but a headline's advance goes on on the day of writing
        (
            "Rebels press on Hama\n\nRebels launched an assault on Hama on Friday.",
            {
                ("hama", "opposition", "advancing", "2024-12-01", "reported"),
                ("hama", "opposition", "advancing", "2024-11-29", "reported"),
            },
        ),
    ],
)
def test_a_headline_takes_the_storys_date_for_a_change_only(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the troops cut off are the besieged: the besieger is the other side
        (
            "Rebels took Morek on Friday. Troops in Hama were cut off on Saturday.",
            {
                ("morek", "opposition", "captured", "2024-11-29", "reported"),
                ("hama", "opposition", "besieging", "2024-11-30", "reported"),
            },
        ),
        (
            "The army said its units in Hama had been cut off since Saturday.",
            {("hama", "opposition", "besieging", "2024-11-30", "claimed")},
        ),
        # a participle with no auxiliary
        (
            "With the units in Hama cut off since Saturday, the rebels went around them.",
            {("hama", "opposition", "besieging", "2024-11-30", "reported")},
        ),
        # "wrested X from", and "claim X" with a place right after the verb (not "claimed to")
        (
            "The rebels have wrested Morek from government forces and also claim Hama Military "
            "Airport. They claimed to have entered Kafr Zita.",
            {
                ("morek", "opposition", "captured", "2024-12-01", "reported"),
                ("hama-air-base", "opposition", "captured", "2024-12-01", "claimed"),
                ("kafr-zita", "opposition", "entered", "2024-12-01", "claimed"),
            },
        ),
    ],
)
def test_the_besieged_the_wrested_and_the_claimed(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second place with a date and no verb takes the change before it (gapping)
        (
            "Homs slipped from government control late on Friday and Rastan the following day.",
            {
                ("homs", "government", "withdrew", "2024-11-29", "reported"),
                ("rastan", "government", "withdrew", "2024-11-30", "reported"),
            },
        ),
        # "After a three-day battle, Manbij followed": a phrase, not a participle clause, so the
        # actor after it is no subject of "followed"; the last attacker took Manbij
        (
            "Tal Rifaat passed to the Syrian National Army on Friday. After a three-day battle, "
            "Manbij followed on Sunday, and the US-brokered truce of Wednesday committed the "
            "SDF to withdraw its remaining fighters east of the river.",
            {
                ("tel-rifaat", "sna", "captured", "2024-11-29", "reported"),
                ("manbij", "sna", "captured", "2024-12-01", "reported"),
            },
        ),
    ],
)
def test_gapping_and_fronted_phrases(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The town of Salamiyah surrendered to the rebels without a fight on Friday.",
            {("salamiyah", "opposition", "captured", "2024-11-29", "reported")},
        ),
        (
            "The army has withdrawn all its forces from Deir ez-Zor province.",
            {("deir-ez-zor-governorate", "government", "withdrew", "2024-12-01", "reported")},
        ),
        # an aside "in cooperation with Russian warplanes" names no subject
        (
            "Army units, in cooperation with Russian warplanes, regained control of Khanasir, a "
            "military source told SANA.",
            {("khanasir", "government", "recaptured", "2024-12-01", "claimed")},
        ),
        # the attackers are the subject of "but were repelled": the speaker repelled them
        (
            "Turkish-backed factions attacked SDF positions near Manbij but were repelled, the "
            "SDF said.",
            {
                ("manbij", "sna", "advancing", "2024-12-01", "claimed"),
                ("manbij", "sdf", "repelled", "2024-12-01", "claimed"),
            },
        ),
        (
            "Rebels attacked army positions near Morek but were pushed back.",
            {
                ("morek", "opposition", "advancing", "2024-12-01", "reported"),
                ("morek", "government", "repelled", "2024-12-01", "reported"),
            },
        ),
    ],
)
def test_surrenders_withdrawals_asides_and_failed_attacks(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause with no "that": "the city his fighters seized"
        (
            "The HTS leader toured Hama on Friday, his first visit to the city his fighters "
            "seized on Thursday.",
            {("hama", "opposition", "captured", "2024-11-28", "reported")},
        ),
        # a place before a force is its modifier when the verb has an object of its own
        (
            "Hama rebels seized Morek on Thursday.",
            {("morek", "opposition", "captured", "2024-11-28", "reported")},
        ),
    ],
)
def test_contact_relatives(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Losing the high ground would force the army to defend Hama from exposed terrain.",
        "To the people of Hama: the liberation of the whole city is a matter of hours.",
        "The fall of Homs is now imminent, analysts say.",
    ],
)
def test_what_is_still_to_come_is_no_claim(gazetteer, text):
    assert claims(gazetteer, text) == set()


def test_a_participle_consequence_that_happened_is_a_claim(gazetteer):
    assert claims(gazetteer, "Rebels took Hama, forcing the army to withdraw from Homs.") == {
        ("hama", "opposition", "captured", "2024-12-01", "reported"),
        ("homs", "government", "withdrew", "2024-12-01", "reported"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capture the sentence denies: "remains outside the factions' control"
        (
            "The rebels entered Aleppo. Sheikh Maqsoud remains outside the factions' control.",
            {
                ("aleppo", "opposition", "entered", "2024-12-01", "reported"),
                ("sheikh-maqsoud", "opposition", "captured", "2024-12-01", "denied"),
            },
        ),
        # what a relative clause recalls of an earlier war is history; the main clause is news
        (
            "The towns of Kafr Nubl and Hass, which the regime had also seized in that offensive, "
            "are now under the control of the factions.",
            {
                ("kafr-nabl", "opposition", "captured", "2024-12-01", "reported"),
                ("hass", "opposition", "captured", "2024-12-01", "reported"),
            },
        ),
        (
            "Saraqib, which rebels seized on Friday, was shelled.",
            {("saraqib", "opposition", "captured", "2024-11-29", "reported")},
        ),
    ],
)
def test_denied_holdings_and_recalled_wars(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


def test_a_citys_districts_in_apposition_are_the_subject_not_the_city(gazetteer):
    text = (
        "Rebels took Aleppo. The Kurdish districts in the north of the city, Sheikh Maqsoud and "
        "Ashrafieh, remain under the control of the Asayish, the Observatory said."
    )
    assert claims(gazetteer, text) == {
        ("aleppo", "opposition", "captured", "2024-12-01", "reported"),
        ("sheikh-maqsoud", "sdf", "captured", "2024-12-01", "claimed"),
        ("ashrafieh-aleppo", "sdf", "captured", "2024-12-01", "claimed"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Morek and Souran were among the towns captured by the rebels on Saturday.",
            {
                ("morek", "opposition", "captured", "2024-11-30", "reported"),
                ("suran-hama", "opposition", "captured", "2024-11-30", "reported"),
            },
        ),
        (
            "Insurgents now control almost all of Syria's largest city, a monitor said.",
            {("aleppo", "opposition", "captured", "2024-12-01", "claimed")},
        ),
        (
            "Insurgents tighten grip on Hama",
            {("hama", "opposition", "captured", "2024-12-01", "reported")},
        ),
    ],
)
def test_among_the_towns_almost_all_and_a_grip_with_no_possessive(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


def test_a_quotation_is_dated_by_its_saying_and_the_lead_by_the_story(gazetteer):
    # '"X is now liberated," a commander said late on Saturday': "now" is when it was said;
    # the headline and the lead sentence above it take that date
    text = (
        'Rebels take Homs\n\nRebels have taken control of Homs, the monitor said. "Homs is now '
        'completely liberated," a rebel commander said late on Saturday.'
    )
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert [(c.place_id, c.action, c.event_date.isoformat()) for c in found] == [
        ("homs", "captured", "2024-11-30"),
        ("homs", "captured", "2024-11-30"),
        ("homs", "captured", "2024-11-30"),
    ]


def test_a_quotations_own_date_wins_over_its_saying(gazetteer):
    text = '"We took Hama on Thursday," the commander said on Saturday.'
    assert claims(gazetteer, text) == {("hama", "opposition", "captured", "2024-11-28", "claimed")}


def test_the_other_side_of_a_headline_change_takes_its_date(gazetteer):
    text = (
        "Rebels take Homs as army pulls back\n\nRebels have taken control of Homs, the monitor "
        'said. "Homs is now completely liberated," a rebel commander said late on Saturday.'
    )
    found = extract_claims(text, published=PUBLISHED, gazetteer=gazetteer)
    assert ("homs", "government", "withdrew", "2024-11-30") in {
        (c.place_id, c.actor, c.action, c.event_date.isoformat()) for c in found
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after ", and" a verb with no subject has the main clause's; "ceded X to Y"
        (
            "The SDF moved into Raqqa on Friday as government forces pulled out, and ceded Tabqa "
            "to the rebels on Saturday.",
            {
                ("raqqa", "sdf", "entered", "2024-11-29", "reported"),
                ("raqqa", "government", "withdrew", "2024-11-29", "reported"),
                ("tabqa", "sdf", "withdrew", "2024-11-30", "reported"),
                ("tabqa", "opposition", "captured", "2024-11-30", "reported"),
            },
        ),
        # after a bare "and", its own clause's
        (
            "Rebels said the army collapsed and pulled out of Hama.",
            {("hama", "government", "withdrew", "2024-12-01", "claimed")},
        ),
    ],
)
def test_the_subject_of_a_verb_after_and(gazetteer, text, expected):
    assert claims(gazetteer, text) == expected


def test_a_withdrawal_named_after_what_followed_it(gazetteer):
    text = (
        "Rebels entered Saraqib on Friday. The Observatory says Khan Sheikhoun is under "
        "opposition control following an evening withdrawal."
    )
    assert claims(gazetteer, text) == {
        ("saraqib", "opposition", "entered", "2024-11-29", "reported"),
        ("khan-shaykhun", "opposition", "captured", "2024-12-01", "claimed"),
        ("khan-shaykhun", "government", "withdrew", "2024-12-01", "claimed"),
    }


def test_a_date_fronting_the_clause_after_a_colon_and_places_among_them(gazetteer):
    text = (
        "Hama fell on Thursday: by the evening of 29 November insurgents held most of the city, "
        "and the last government-held towns of Idlib province — Maarat al-Numan and Khan "
        "Shaykhun among them — had been given up."
    )
    assert claims(gazetteer, text) == {
        ("hama", "opposition", "captured", "2024-11-28", "reported"),
        ("hama", "opposition", "captured", "2024-11-29", "reported"),
        ("maarat-al-numan", "government", "withdrew", "2024-11-29", "reported"),
        ("khan-shaykhun", "government", "withdrew", "2024-11-29", "reported"),
    }


def test_holding_attackers_off_at_a_distance_is_a_repulse(gazetteer):
    text = (
        "The army said its forces had launched a counteroffensive, keeping the insurgents "
        "roughly 10 km (6 miles) from Hama."
    )
    assert claims(gazetteer, text) == {("hama", "government", "repelled", "2024-12-01", "claimed")}


def test_footage_that_appears_to_show_an_entry_into_the_majority_town(gazetteer):
    # "the Ismaili-majority town" refers back to the town; footage that "appeared to show" is
    # an unconfirmed claim
    text = (
        "Rebels approached Salamiyah on Saturday. Footage appeared to show fighters driving "
        "through the Ismaili-majority town's main square."
    )
    assert claims(gazetteer, text) == {
        ("salamiyah", "opposition", "advancing", "2024-11-30", "reported"),
        ("salamiyah", "opposition", "entered", "2024-12-01", "claimed"),
    }
