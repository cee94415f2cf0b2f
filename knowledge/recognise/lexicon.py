"""Word lists of the recognisers: everyday Dutch phrases mapped to contract values.

Data, not logic. Phrases are matched on normalised text (lowercase, no accents, punctuation
as spaces) at word boundaries; a trailing ``*`` lets the last word continue
("sleutel*" matches "sleutelen", "sleutelde"). Order matters where noted: first match wins.
"""

from __future__ import annotations

# Words that are never a job title on their own ("ik ben medewerker" says nothing).
GENERIC_JOB_WORDS: frozenset[str] = frozenset({
    "werk", "werken", "baan", "job", "medewerker", "medewerkster", "werknemer", "werker",
    "personeel", "hulp", "assistent", "staf", "ik", "ben", "eigen", "baas", "leider",
    "leidster", "manager", "directeur", "zelfstandige", "ondernemer", "student", "stagiair",
    "vrijwilliger", "uitzendkracht", "invaller", "oproepkracht", "parttimer", "helper",
    "specialist", "adviseur", "consulent", "coordinator", "beheerder", "operator", "monteur",
    "technicus", "model", "agent", "lid", "meester", "deskundige", "expert", "zzp", "zzper",
    "freelancer",
    # Adjectives and generic words of a wish ("welk technisch beroep past bij mij", "ander
    # werk"): never a job title on their own, nor the head of a partial title match.
    "technisch", "technische", "techniek", "technieken", "ander", "andere", "nieuw",
    "nieuwe", "beroep", "beroepen", "banen", "vak", "functie", "carriere", "toekomst",
})

# Ordinary Dutch words: never matched fuzzily as a job or place (they are real words).
# Endings of Dutch words for a person who does something (lasser, monteur, docent,
# verpleegkundige, kunstenaar). An everyday word with such an ending ("chauffeur") may be
# read as the head of longer job titles; "dienst" or "bouw" may not.
PERSON_NOUN_ENDINGS: tuple[str, ...] = (
    "er", "eur", "euse", "ist", "iste", "aar", "ige", "ent", "ente", "ant", "ante", "ier",
    "tor", "man", "loog", "aris", "ende", "ster", "trice", "ice")

COMMON_WORDS: frozenset[str] = frozenset("""
aan achter af al alle alleen als altijd ander andere anders bij binnen daar dag dagen dan dat
de deze die dit doe doen door dus echt een eens eerst eigen elke en er even geen geleden
graag had heb hebben heel helemaal het hier hij hoe hun iets ik in is ja jaar jaren je jij
jou jouw kan keer komen kon kunnen laat later leuk liever maar mag me meer mee men met mij
mijn misschien moet moeten mogen na naar natuurlijk nee net niet niets nog nooit nu of ook
op over paar per samen sinds snel soms staat te terug toch toen tot tussen twee u uit uren
van veel verder voor vooral vroeger waar wanneer want waren was wat we weer week weet wel
welke werd wil willen word worden zal ze zeker zelf zich zie zijn zit zo zoals zou zouden
werken werkte gewerkt werkzaam wonen woon woonde gewoond buiten binnen boven onder studeer
studeren studie school opleiding diploma niveau klant klanten mensen handen computer
computers auto autos graag houden hou bezig lekker mooi goed beter beste best leren lerend
geleerd betaald betalen geld loon salaris uitkering gemeente provincie regio buurt
omgeving stad dorp centrum thuis huis huizen kinderen kind vrouw man moeder vader familie
zoeken zoek gezocht vinden vind gevonden willen wilde kunnen konden maken maakte gemaakt
zorgen bouwen gebouwd sleutelen tekenen koken schoonmaken rijden reizen helpen geholpen
praten uitleggen repareren installeren programmeren solderen knutselen klussen lassen
tuin tuinen land water weg wegen straat markt haven brug dijk veen zand bos berg bergen
hoek kant kerk molen hof burg sluis vaart dam poort hout steen ijzer staal metaal glas
eten drinken voeding winkel supermarkt fabriek kantoor magazijn bedrijf zaak horeca zorg
bouw techniek restaurant hotel cafe kassen kas school basisschool ziekenhuis thuiszorg
kinderopvang kantoor fabriek winkel kledingwinkel middelbare evenement gemeente bedrijf
echt eerlijk precies nauwkeurig secuur netjes rustig druk hard zwaar licht vies schoon
""".split())

# Places whose name is also an everyday word, or very short: only matched with a cue word
# before it ("in", "uit", ...), a capital letter mid-sentence, or as the whole answer.
AMBIGUOUS_PLACE_WORDS: frozenset[str] = frozenset("""
best born epe ede ee en son mill land goes sint elst echt stein beek bergen haren putten
wijk zelhem vaals oost west noord zuid laren hoorn heel heesch boxtel lopik loon vught
hof dam haven sluis zand veen dijk berg bos kerk molen brug markt vaart poort hoek kant
baarn bunde bunnik goor gulpen hengelo horst oss rhenen rijen steenbergen velp wierden
""".split())

# Words right before a place that tell it is a place.
PLACE_CUES: frozenset[str] = frozenset({
    "in", "uit", "bij", "rond", "te", "naar", "nabij", "vlakbij", "omgeving", "regio",
    "buurt", "gemeente", "woonplaats", "richting", "woon", "wonen", "woonachtig",
})

# Employer names -> the job people there most often do: labels (``|`` = try in order) looked
# up in the job index; isco/sector used when none is in it. Only used when no job title is
# found in the sentence.
EMPLOYER_HINTS: dict[str, tuple[str, str, str]] = {
    "jumbo": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "albert heijn": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "ah": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "lidl": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "aldi": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "plus": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "dirk": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "coop": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "spar": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "supermarkt": ("supermarktmedewerker|vakkenvuller", "9334", "retail"),
    "action": ("winkelmedewerker", "5223", "retail"),
    "hema": ("winkelmedewerker", "5223", "retail"),
    "kruidvat": ("winkelmedewerker", "5223", "retail"),
    "winkel": ("winkelmedewerker", "5223", "retail"),
    "postnl": ("postbezorger", "4412", "logistiek_transport"),
    "dhl": ("pakketbezorger", "4412", "logistiek_transport"),
    "post": ("postbezorger", "4412", "logistiek_transport"),
    "bol com": ("magazijnmedewerker", "9333", "logistiek_transport"),
    "distributiecentrum": ("magazijnmedewerker", "9333", "logistiek_transport"),
    "magazijn": ("magazijnmedewerker", "9333", "logistiek_transport"),
    "mcdonalds": ("medewerker fastfoodrestaurant", "5246", "horeca"),
    "burger king": ("medewerker fastfoodrestaurant", "5246", "horeca"),
    "kfc": ("medewerker fastfoodrestaurant", "5246", "horeca"),
    "restaurant": ("medewerker bediening", "5131", "horeca"),
    "bediening": ("medewerker bediening", "5131", "horeca"),
    "thuiszorg": ("verzorgende", "5322", "zorg_welzijn"),
    "verpleeghuis": ("verzorgende", "5322", "zorg_welzijn"),
    "zorg": ("verzorgende", "5322", "zorg_welzijn"),
    "ziekenhuis": ("verzorgende", "5321", "zorg_welzijn"),
    "defensie": ("militair", "0310", "defensie"),
    "leger": ("militair", "0310", "defensie"),
    "kinderopvang": ("pedagogisch medewerker", "5311", "onderwijs_kinderopvang"),
    "callcenter": ("klantenservicemedewerker", "4222", "klantenservice"),
    "klantenservice": ("klantenservicemedewerker", "4222", "klantenservice"),
    "schoonmaakbedrijf": ("schoonmaker", "9112", "schoonmaak_facilitair"),
}

# Ordered: the most specific phrases first; the first match in this list wins.
EDUCATION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("geen diploma", "geen"), ("geen opleiding", "geen"), ("zonder diploma", "geen"),
    ("geen school", "geen"), ("niet naar school", "geen"), ("nooit naar school", "geen"),
    ("weinig school", "geen"), ("nooit op school", "geen"),
    ("alleen basisschool", "geen"), ("alleen de basisschool", "geen"),
    ("alleen lagere school", "geen"), ("niet afgemaakt", "geen"), ("nooit afgemaakt", "geen"),
    ("middelbare school zonder diploma", "geen"), ("middelbare school niet afgemaakt", "geen"),
    ("van school af", "geen"), ("gestopt met school", "geen"), ("school niet afgemaakt", "geen"),
    ("mbo 1", "mbo1"), ("mbo niveau 1", "mbo1"), ("niveau 1", "mbo1"), ("entree*", "mbo1"),
    ("mbo 2", "mbo2"), ("mbo niveau 2", "mbo2"), ("niveau 2", "mbo2"),
    ("startkwalificatie", "mbo2"),
    ("mbo 3", "mbo3"), ("mbo niveau 3", "mbo3"), ("niveau 3", "mbo3"),
    ("mbo 4", "mbo4"), ("mbo niveau 4", "mbo4"), ("niveau 4", "mbo4"), ("mts", "mbo4"),
    ("meao", "mbo4"), ("mbo", "mbo2"),
    ("universiteit", "wo"), ("master", "wo"), ("wo", "wo"), ("doctoraal", "wo"),
    ("gepromoveerd", "wo"), ("uni", "wo"),
    ("hbo", "hbo"), ("hogeschool", "hbo"), ("bachelor", "hbo"), ("hts", "hbo"),
    ("heao", "hbo"), ("pabo", "hbo"), ("associate degree", "hbo"),
    ("vwo", "vwo"), ("gymnasium", "vwo"), ("atheneum", "vwo"),
    ("havo", "havo"),
    ("vmbo", "vmbo"), ("mavo", "vmbo"), ("lbo", "vmbo"), ("lts", "vmbo"), ("leao", "vmbo"),
    ("huishoudschool", "vmbo"), ("vbo", "vmbo"), ("praktijkonderwijs", "geen"),
    ("basisschool", "geen"), ("lagere school", "geen"),
    # Last: "middelbare school, havo gehaald" names its level; alone it means vmbo.
    ("middelbare school", "vmbo"), ("voortgezet onderwijs", "vmbo"),
)

WORK_STATUS_PATTERNS: tuple[tuple[str, str], ...] = (
    ("werkloos zonder uitkering", "werkzoekend_zonder_uitkering"),
    ("zonder uitkering", "werkzoekend_zonder_uitkering"),
    ("geen uitkering", "werkzoekend_zonder_uitkering"),
    ("geen ww", "werkzoekend_zonder_uitkering"),
    ("ww", "ww"), ("ww uitkering", "ww"), ("werkloosheidswet", "ww"),
    ("uwv uitkering", "ww"), ("werkloos met uitkering", "ww"), ("ontslagen", "ww"),
    ("bijstand*", "bijstand"), ("uitkering van de gemeente", "bijstand"),
    ("participatiewet", "bijstand"), ("uitkering via de gemeente", "bijstand"),
    ("bystand*", "bijstand"), ("bijstant", "bijstand"), ("geld van de gemeente", "bijstand"),
    ("geld via de gemeente", "bijstand"), ("uitkering gemeente", "bijstand"),
    ("sociale dienst", "bijstand"), ("uitkering van de sociale dienst", "bijstand"),
    ("zzp*", "zzp"), ("zelfstandige", "zzp"), ("zelfstandig ondernemer", "zzp"),
    ("eigen bedrijf", "zzp"), ("eigen zaak", "zzp"), ("freelance*", "zzp"),
    ("voor mezelf", "zzp"), ("voor mijzelf", "zzp"), ("ondernemer", "zzp"),
    ("eigen bedrijfje", "zzp"), ("eigen klein bedrijf*", "zzp"),
    ("eigen kleine bedrijf*", "zzp"), ("eigen zaakje", "zzp"),
    ("eigen baas", "zzp"), ("voor eigen rekening", "zzp"), ("eigen onderneming", "zzp"),
    ("eenmanszaak", "zzp"), ("eigen winkel*", "zzp"), ("eigen salon", "zzp"),
    ("eigen kapsalon", "zzp"), ("eigen praktijk", "zzp"), ("self employed", "zzp"),
    ("own business", "zzp"),
    ("student", "student"), ("ik studeer", "student"), ("studente", "student"),
    ("op school", "student"), ("scholier", "student"),
    ("huisvrouw", "anders"), ("huisman", "anders"), ("mantelzorg*", "anders"),
    ("arbeidsongeschikt", "anders"), ("wia", "anders"), ("wajong", "anders"),
    ("ziektewet", "anders"), ("met pensioen", "anders"), ("vrijwilliger*", "anders"),
    ("werkloos", "werkzoekend_zonder_uitkering"), ("werkzoekend", "werkzoekend_zonder_uitkering"),
    ("zonder werk", "werkzoekend_zonder_uitkering"), ("geen werk", "werkzoekend_zonder_uitkering"),
    ("geen baan", "werkzoekend_zonder_uitkering"),
    ("ik heb een baan", "werkend"), ("ik werk", "werkend"), ("in loondienst", "werkend"),
    ("vaste baan", "werkend"), ("parttime", "werkend"), ("fulltime", "werkend"),
    ("vast contract", "werkend"), ("tijdelijk contract", "werkend"),
    ("uitzendkracht", "werkend"), ("werkend", "werkend"), ("ik ben werkzaam", "werkend"),
    ("ik werk als", "werkend"), ("werk als", "werkend"), ("werk bij", "werkend"),
    ("werkzaam", "werkend"), ("heb werk", "werkend"), ("gewoon werk", "werkend"),
    ("heb nu werk", "werkend"), ("heb een vaste baan", "werkend"), ("baan", "werkend"),
)

INTEREST_PATTERNS: dict[str, tuple[str, ...]] = {
    "met_handen": ("met mijn handen", "met je handen", "met de handen", "handen",
                   "knutsel*", "praktisch*", "handwerk", "doe werk", "aanpakken",
                   "niet achter een bureau", "klussen", "klus*", "lassen", "metaal*",
                   "staal", "smeden", "schilderen"),
    "sleutelen": ("sleutel*", "brommer*", "scooter*", "motor*", "repareren", "repareer*",
                  "reparatie*", "monteren", "onderdelen", "maken wat kapot is", "motoren"),
    "elektra": ("stroom", "elektr*", "solder*", "bedrading", "kabels", "schakel*",
                "elektronica", "stopcontact*", "groepenkast*"),
    "computers": ("computer*", "programmer*", "gamen", "games", "game", "ict", "it",
                  "software", "coderen", "code", "automatiser*", "digitaal", "laptop*",
                  "netwerk*", "websites"),
    "puzzelen": ("puzzel*", "problemen oplossen", "problemen op te lossen", "oplossen",
                 "uitzoeken", "uitvogelen", "storing*", "kapot is", "nadenken", "logisch*",
                 "raadsel*", "analyser*", "waarom iets"),
    "precisie": ("precies", "nauwkeurig*", "secuur", "precisie", "nauwkeurigheid",
                 "fijn werk", "fijne werk", "meten", "netjes", "perfectionist*",
                 "tot op de millimeter", "detail*"),
    "buiten": ("buiten", "buitenlucht", "op hoogte", "hoogte", "weer en wind", "in de natuur",
               "op het dak", "daken", "frisse lucht", "niet binnen"),
    "bouwen": ("bouwen", "bouw", "in elkaar zetten", "in elkaar", "installeren", "installatie*",
               "klussen", "timmer*", "bouwwerk*", "monteren", "maken", "opbouwen"),
    "ontwerpen": ("tekenen", "teken*", "ontwerp*", "cad", "design*", "creatief", "bedenken",
                  "3d", "modelleren", "schetsen"),
    "mensen": ("met mensen", "mensen", "klanten", "klant*", "uitleggen", "team", "samenwerk*",
               "contact", "collega*", "praten", "sociaal", "gezellig*", "teamwork"),
    "duurzaamheid": ("duurzaam*", "zonnepane*", "zonne energie", "warmtepomp*", "klimaat*",
                     "energietransitie", "groene energie", "windmolen*", "windenergie",
                     "milieu", "groen", "co2", "energie", "isolatie", "isoleren"),
    "voertuigen": ("auto*", "vrachtwagen*", "tractor*", "trekker*", "voertuig*", "bus",
                   "bussen", "truck*", "fiets*", "brommer*", "scooter*", "motor*",
                   "landbouwmachine*", "treinen", "trein", "vliegtuig*", "schepen", "boten"),
    "machines": ("machine*", "robot*", "productielijn*", "fabriek*", "apparat*", "lopende band",
                 "installaties", "cnc", "draaibank*", "productie"),
    "voeding": ("eten", "voeding*", "koken", "kook*", "levensmiddel*", "food", "bakken",
                "bakker*", "keuken", "vlees", "zuivel", "recepten"),
    "zorg": ("zorg", "mensen helpen", "anderen helpen", "helpen", "medisch*", "ziekenhuis*",
             "patient*", "gezondheid", "verpleg*", "zorgzaam"),
    "onderweg": ("afwisseling", "afwisselend", "onderweg", "op pad", "reizen", "rijden",
                 "op de weg", "elke dag ergens anders", "niet op een plek", "verschillende plekken",
                 "op stap", "langs klanten", "bij klanten", "op locatie", "rondrijden"),
}
NEGATIONS: frozenset[str] = frozenset({"niet", "geen", "nooit", "hekel", "liever niet"})

# Ordered: the first phrase found wins.
SECTOR_PATTERNS: tuple[tuple[str, str], ...] = (
    ("horeca", "horeca"), ("restaurant", "horeca"), ("hotel", "horeca"), ("cafe", "horeca"),
    ("keuken", "horeca"), ("catering", "horeca"), ("bar", "horeca"), ("snackbar", "horeca"),
    ("supermarkt", "retail"), ("winkel", "retail"), ("retail", "retail"),
    ("detailhandel", "retail"), ("verkoop", "retail"), ("kassa", "retail"),
    ("logistiek", "logistiek_transport"), ("transport", "logistiek_transport"),
    ("magazijn", "logistiek_transport"), ("distributiecentrum", "logistiek_transport"),
    ("bezorg*", "logistiek_transport"), ("vervoer", "logistiek_transport"),
    ("chauffeur", "logistiek_transport"),
    ("thuiszorg", "zorg_welzijn"), ("de zorg", "zorg_welzijn"), ("zorg", "zorg_welzijn"),
    ("welzijn", "zorg_welzijn"), ("ziekenhuis", "zorg_welzijn"),
    ("verpleeghuis", "zorg_welzijn"), ("gehandicaptenzorg", "zorg_welzijn"),
    ("kinderopvang", "onderwijs_kinderopvang"), ("onderwijs", "onderwijs_kinderopvang"),
    ("school", "onderwijs_kinderopvang"), ("creche", "onderwijs_kinderopvang"),
    ("klantenservice", "klantenservice"), ("callcenter", "klantenservice"),
    ("call center", "klantenservice"), ("klantcontact*", "klantenservice"),
    ("kantoor", "kantoor_administratie"), ("administratie*", "kantoor_administratie"),
    ("secretariaat", "kantoor_administratie"), ("receptie", "kantoor_administratie"),
    ("schoonmaak", "schoonmaak_facilitair"), ("facilitair", "schoonmaak_facilitair"),
    ("beveiliging", "beveiliging"), ("bewaking", "beveiliging"),
    ("defensie", "defensie"), ("leger", "defensie"), ("marine", "defensie"),
    ("landmacht", "defensie"), ("luchtmacht", "defensie"), ("krijgsmacht", "defensie"),
    ("landbouw", "agrarisch_groen"), ("tuinbouw", "agrarisch_groen"),
    ("agrarisch*", "agrarisch_groen"), ("hovenier*", "agrarisch_groen"),
    ("boerderij", "agrarisch_groen"), ("kassen", "agrarisch_groen"), ("groen", "agrarisch_groen"),
    ("veehouderij", "agrarisch_groen"),
    ("bouw", "bouw"), ("bouwbedrijf", "bouw"), ("aannemer", "bouw"),
    ("fabriek", "industrie_productie"), ("productie", "industrie_productie"),
    ("industrie", "industrie_productie"),
    ("techniek", "techniek_installatie"), ("installatie*", "techniek_installatie"),
    ("ict", "ict"), ("it", "ict"), ("automatisering", "ict"), ("software", "ict"),
    ("bank", "financiele_dienstverlening"), ("verzeker*", "financiele_dienstverlening"),
    ("financ*", "financiele_dienstverlening"), ("boekhoud*", "financiele_dienstverlening"),
    ("cultuur", "cultuur_sport_recreatie"), ("sport*", "cultuur_sport_recreatie"),
    ("recreatie", "cultuur_sport_recreatie"), ("theater", "cultuur_sport_recreatie"),
    ("museum", "cultuur_sport_recreatie"), ("evenement*", "cultuur_sport_recreatie"),
    ("overheid", "overheid"), ("gemeente", "overheid"), ("ministerie", "overheid"),
    ("rijksoverheid", "overheid"), ("provincie", "overheid"),
)

PROVINCE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("noord holland", "noord-holland"), ("noordholland", "noord-holland"),
    ("nh", "noord-holland"),
    ("zuid holland", "zuid-holland"), ("zuidholland", "zuid-holland"), ("zh", "zuid-holland"),
    ("noord brabant", "noord-brabant"), ("noordbrabant", "noord-brabant"),
    ("brabant", "noord-brabant"), ("nb", "noord-brabant"),
    ("friesland", "friesland"), ("fryslan", "friesland"), ("frl", "friesland"),
    ("groningen", "groningen"), ("drenthe", "drenthe"), ("overijssel", "overijssel"),
    ("flevoland", "flevoland"), ("gelderland", "gelderland"), ("utrecht", "utrecht"),
    ("zeeland", "zeeland"), ("limburg", "limburg"), ("gld", "gelderland"),
    ("achterhoek", "gelderland"), ("veluwe", "gelderland"), ("twente", "overijssel"),
    ("betuwe", "gelderland"), ("randstad", "zuid-holland"),
)

FAQ_TOPIC_PATTERNS: tuple[tuple[str, str], ...] = (
    ("uitkering behouden", "uitkering_behouden"), ("uitkering houden", "uitkering_behouden"),
    ("mijn uitkering", "uitkering_behouden"), ("mijn ww", "uitkering_behouden"),
    ("ww houden", "uitkering_behouden"), ("bijstand houden", "uitkering_behouden"),
    ("verdien ik tijdens", "verdienen_tijdens_leren"),
    ("verdienen tijdens", "verdienen_tijdens_leren"),
    ("loon tijdens", "verdienen_tijdens_leren"),
    ("geld tijdens de opleiding", "verdienen_tijdens_leren"),
    ("leren en werken", "verdienen_tijdens_leren"), ("werken en leren", "verdienen_tijdens_leren"),
    ("betaald leren", "verdienen_tijdens_leren"),
    ("betaald tijdens", "verdienen_tijdens_leren"),
    ("betaald worden tijdens", "verdienen_tijdens_leren"),
    ("salaris tijdens", "verdienen_tijdens_leren"), ("inkomen tijdens", "verdienen_tijdens_leren"),
    ("krijg je betaald", "verdienen_tijdens_leren"),
    ("krijg ik betaald", "verdienen_tijdens_leren"),
    ("te oud", "leeftijd"), ("leeftijd", "leeftijd"), ("oud", "leeftijd"),
    ("jaar oud", "leeftijd"), ("ouder dan", "leeftijd"), ("50 plus", "leeftijd"),
    ("50plus", "leeftijd"), ("50+", "leeftijd"),
    ("geen diploma", "geen_diploma"), ("zonder diploma", "geen_diploma"),
    ("diploma nodig", "geen_diploma"), ("opleiding nodig", "geen_diploma"),
    ("deeltijd", "deeltijd"), ("parttime", "deeltijd"), ("naast mijn werk", "deeltijd"),
    ("naast mijn baan", "deeltijd"), ("avond*", "deeltijd"), ("kinderen", "deeltijd"),
    ("taal", "taalniveau"), ("nederlands", "taalniveau"), ("taalniveau", "taalniveau"),
    ("dutch", "taalniveau"), ("inburger*", "taalniveau"),
    ("vrouw", "vrouwen"), ("vrouwen", "vrouwen"), ("als meisje", "vrouwen"),
    ("meiden", "vrouwen"), ("meid", "vrouwen"), ("meisje*", "vrouwen"), ("dames", "vrouwen"),
    ("zwaar", "fysiek"), ("fysiek", "fysiek"), ("lichamelijk", "fysiek"), ("rug", "fysiek"),
    ("tillen", "fysiek"), ("hoogtevrees", "fysiek"), ("conditie", "fysiek"),
    ("vca", "vca"), ("veiligheidsdiploma", "vca"), ("veiligheid", "vca"),
    ("rijbewijs", "rijbewijs"), ("auto rijden", "rijbewijs"), ("rijden", "rijbewijs"),
    ("gratis hulp", "gratis_hulp"), ("wie kan me helpen", "gratis_hulp"),
    ("wie kan mij helpen", "gratis_hulp"), ("hulp", "gratis_hulp"), ("advies", "gratis_hulp"),
    ("loket", "gratis_hulp"), ("werkcentrum", "gratis_hulp"),
    ("hoe lang", "opleidingsduur"), ("duur*", "opleidingsduur"), ("hoeveel jaar", "opleidingsduur"),
    ("hoeveel maanden", "opleidingsduur"),
    ("wat kost", "kosten"), ("kosten", "kosten"), ("kost", "kosten"), ("betalen", "kosten"),
    ("lesgeld", "kosten"), ("collegegeld", "kosten"), ("prijs", "kosten"),
    ("salaris", "salaris"), ("verdien*", "salaris"), ("loon", "salaris"), ("betaalt", "salaris"),
    ("per maand", "salaris"), ("inkomen", "salaris"),
    ("wat doet", "beroep_inhoud"), ("wat doe je", "beroep_inhoud"),
    ("wat houdt", "beroep_inhoud"), ("hoe ziet", "beroep_inhoud"), ("werkdag", "beroep_inhoud"),
    ("inhoud", "beroep_inhoud"),
)

# Extra words that point to one of our professions; the value is looked up in the
# professions' ids and names (first profession whose id or name contains it).
PROFESSION_KEYWORDS: dict[str, str] = {
    "lassen": "lasser", "lasser": "lasser", "laswerk": "lasser",
    "zonnepanelen": "zonnepanelen", "zonnepaneel": "zonnepanelen", "pv": "zonnepanelen",
    "warmtepomp": "warmtepomp", "warmtepompen": "warmtepomp",
    "elektricien": "elektromonteur", "elektra": "elektromonteur",
    "cnc": "cnc", "verspanen": "verspaner", "draaien en frezen": "verspaner",
    "loodgieter": "loodgieter", "timmeren": "timmerman", "metselen": "metselaar",
    "windmolen": "wind", "windturbine": "wind", "windmolens": "wind",
    "plc": "automatisering", "glasvezel": "glasvezel", "lift": "lift", "liften": "lift",
    "dakdekken": "dakdekker", "isoleren": "isolatie", "graafmachine": "grondverzet",
    "kraan": "kraan", "vliegtuig": "vliegtuig", "vliegtuigen": "vliegtuig",
    "auto": "auto", "autos": "auto", "garage": "auto", "vrachtwagens": "bedrijfswagen",
    "fiets": "fiets", "fietsen": "fiets", "e bike": "fiets", "programmeren": "software",
    "helpdesk": "servicedesk", "servicedesk": "servicedesk", "netwerk": "netwerk",
    "procesoperator": "procesoperator", "operator": "operator", "koeltechniek": "koel",
    "medische apparatuur": "medisch", "scheepvaart": "scheeps", "schepen": "scheeps",
}
