// Readable Dutch for contract codes shown in cards.
export const SLOT_LABELS = {
  current_job: "Werk nu of laatst",
  current_sector: "Sector",
  work_status: "Situatie",
  interests: "Wat je leuk vindt",
  region: "Provincie",
  municipality: "Woonplaats",
  education_level: "Opleiding",
  learn_while_earning: "Leren en verdienen tegelijk",
};

export const VALUE_LABELS = {
  werkend: "werkt", ww: "WW-uitkering", bijstand: "bijstandsuitkering", zzp: "zzp'er",
  student: "student", werkzoekend_zonder_uitkering: "werkzoekend zonder uitkering",
  anders: "anders", horeca: "horeca", retail: "winkel", logistiek_transport: "logistiek en transport",
  zorg_welzijn: "zorg en welzijn", onderwijs_kinderopvang: "onderwijs en kinderopvang",
  kantoor_administratie: "kantoor en administratie", klantenservice: "klantenservice",
  schoonmaak_facilitair: "schoonmaak en facilitair", beveiliging: "beveiliging", defensie: "defensie",
  agrarisch_groen: "agrarisch en groen", bouw: "bouw", industrie_productie: "industrie en productie",
  techniek_installatie: "techniek en installatie", ict: "ICT",
  financiele_dienstverlening: "financiële dienstverlening",
  cultuur_sport_recreatie: "cultuur, sport en recreatie", overheid: "overheid", overig: "overig",
  met_handen: "met je handen werken", sleutelen: "sleutelen", elektra: "elektra",
  computers: "computers", puzzelen: "puzzelen", precisie: "precies werk", buiten: "buiten werken",
  bouwen: "bouwen en monteren", ontwerpen: "ontwerpen", mensen: "met mensen werken",
  duurzaamheid: "duurzaamheid", voertuigen: "voertuigen", machines: "machines", voeding: "voeding",
  zorg: "techniek in de zorg", onderweg: "onderweg zijn",
  groningen: "Groningen", friesland: "Fryslân", drenthe: "Drenthe", overijssel: "Overijssel",
  flevoland: "Flevoland", gelderland: "Gelderland", utrecht: "Utrecht",
  "noord-holland": "Noord-Holland", "zuid-holland": "Zuid-Holland", zeeland: "Zeeland",
  "noord-brabant": "Noord-Brabant", limburg: "Limburg",
  geen: "geen diploma", vmbo: "vmbo", mbo1: "mbo 1", mbo2: "mbo 2", mbo3: "mbo 3", mbo4: "mbo 4",
  havo: "havo", vwo: "vwo", hbo: "hbo", wo: "wo",
};

export const ROUTE_KINDS = {
  bbl: "leren en werken (bbl)", bol: "opleiding op school (bol)", cursus: "cursus",
  praktijkverklaring: "praktijkverklaring", certificaat: "certificaat",
  associate_degree: "associate degree", hbo_deeltijd: "hbo in deeltijd",
  bedrijfsopleiding: "opleiding bij een bedrijf", leerwerktraject: "leerwerktraject",
};

export function valueLabel(value) {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  if (Array.isArray(value)) return value.map(valueLabel).filter(Boolean).join(", ");
  const text = String(value);
  return Object.prototype.hasOwnProperty.call(VALUE_LABELS, text) ? VALUE_LABELS[text] : text;
}
