import type { z } from 'zod';
import type { IntentRulesSchema } from './intentRules.js';

/**
 * Our tuned intent rules, English and Spanish. Terms are written in rule form or naturally (they
 * are folded the same way as messages: lower case, no accents, no apostrophes, so "I'll" is
 * "ill" and "mañana" is "manana"). Patterns see tokens separated by single spaces, with "." for
 * clause punctuation and "?" for question marks.
 *
 * Tuned on the corpus' tune split only (test/fixtures/intents/corpus.jsonl); the held-out split
 * measures them. The labelling guide is test/fixtures/intents/README.md.
 */

/** `|`-separated terms, so long lists stay readable. */
const list = (terms: string) => terms.split('|');

const DAY =
  '(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu|friday|fri|saturday|sat|sunday|sun|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|2moro|2morrow|today|tonight)';
const TIME = '\\d{1,2}(?: \\d\\d)? ?(?:am|pm|a m|p m)?';
const DIA = '(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|manana|hoy|pasado manana)';
const SIZE =
  '(?:xxs|xs|s|m|l|xl|xxl|xxxl|2xl|3xl|4xl|small|medium|large|x large|petite|plus|tall|\\d{1,2}(?: 5)?)';
const COLOR =
  '(?:red|blue|green|black|white|gray|grey|navy|pink|purple|yellow|orange|brown|beige|tan|cream|olive|silver|gold|oak|walnut|teal|rojo|roja|azul|verde|negro|negra|blanco|blanca|gris|rosa|morado|amarillo|cafe|beige)';
const NAME_EXCLUDED_EN =
  '(?:what|the|a|an|my|it|right|good|working|ok|okay|fair|true|funny|cool|acceptable|helpful|enough|correct|real|about|for|how|worth|that|interested|sure|looking|ready|happy|able|going|in|into|buying|a fan|available|free|home|around|mad|upset|kidding|joking|asking|paying|signing|satisfied|impressed)';

export const DEFAULT_INTENT_RULES_INPUT: z.input<typeof IntentRulesSchema> = {
  version: 1,
  consentLedger: { keyword: 0.99, plainLanguage: 0.95 },
  other: { confidence: 0.5 },
  typos: {
    minLength: 5,
    // Real words one letter away from a rule word: never "fix" them into it.
    neverCorrect: list(
      'there|their|where|these|those|thing|things|think|thinking|thanks|today|later|still|after|again|about|' +
        'would|could|should|right|wrong|order|orders|other|every|never|always|maybe|sorry|shirt|shirts|shoes|' +
        'sizes|price|prices|pricey|place|plans|plane|phone|photo|store|stores|money|month|great|greet|grate|' +
        'first|where|which|while|white|whole|worse|worst|words|world|house|horse|hours|heard|hears|stock|stack|' +
        'stuck|meets|means|mean|meant|cheap|check|chair|chain|sofas|couch|table|cable|ships|shops|shape|share|' +
        'quote|quite|quiet|sales|sale|males|calls|cells|falls|walls|tells|texts|tests|next|delivered|' +
        'cuanto|cuando|donde|tienen|tienes|pueden|puedes|queria|quiero|quiere|llega|llego|llegue|tarde|tardes|' +
        'precio|precios|envio|envios|talla|tallas|gracias|mensaje|mensajes|numero|equivocada|equivocado',
    ),
  },
  intents: {
    wrong_number: {
      precedence: 95,
      confidence: 0.92,
      en: {
        phrases: list(
          'wrong number|wrong numbers|wrong #|wrong no|wrong phone|wrong person|wrong guy|wrong girl|' +
            'wrong lady|wrong contact|wrong cell|not my number|not my name|no one by that name|nobody by that name|' +
            'no one here by|nobody here by|no one named|nobody named|new number|this is a new number|' +
            'belongs to someone else|someone else now|who youre looking for|not the person|not the right person|' +
            'you have the wrong|youve got the wrong|you got the wrong|not who you think|never heard of',
        ),
        patterns: [
          `\\bthis (?:isnt|is not|aint) (?!${NAME_EXCLUDED_EN}\\b)[a-z]+\\b`,
          `\\b(?:im|i am) not (?!${NAME_EXCLUDED_EN}\\b)[a-z]+(?: [.?]| wrong\\b|$)`,
          '\\b(?:there is|theres|there s) no [a-z]+ (?:here|at this number)\\b',
          '(?:^|[.?] )no [a-z]+ here\\b',
          '\\bdont know (?:any|anyone named|a|an) [a-z]+(?: [.?]| lol|$)',
          '\\bno longer [a-z]+s (?:number|phone|cell)\\b',
        ],
      },
      es: {
        phrases: list(
          'numero equivocado|numero incorrecto|equivocado de numero|equivocada de numero|se equivoco de numero|' +
            'se equivocaron de numero|se equivocan de numero|persona equivocada|no soy esa persona|no soy yo|' +
            'aqui no vive|no vive aqui|no conozco a|no conozco a ningun|no conozco a ninguna|ya no es el numero|' +
            'no es el numero de|este no es el numero|no es mi nombre|numero nuevo|no se quien es',
        ),
        patterns: [
          '(?:^|[.?] )no soy (?!cliente|de |el que|la que)[a-z]+\\b',
          '\\bno hay (?:ningun|ninguna) [a-z]+ aqui\\b',
        ],
      },
    },
    complaint: {
      precedence: 90,
      confidence: 0.88,
      en: {
        phrases: list(
          'not happy|very unhappy|unhappy|disappointed|disappointing|ridiculous|unacceptable|terrible|horrible|' +
            'awful|worst|scam|rip off|ripoff|rude|furious|angry|pissed|fed up|sick of|tired of|frustrated|' +
            'frustrating|annoying|annoyed|so annoying|broken|damaged|defective|doesnt work|does not work|not working|' +
            'stopped working|keeps crashing|crashing|charged me twice|charged twice|double charged|overcharged|' +
            'overbilled|billed twice|wrong item|wrong order|wrong size sent|sent the wrong|never arrived|never received|' +
            'never got my|hasnt arrived|has not arrived|still hasnt|still havent|still not here|still waiting|' +
            'lost my package|lost my order|nobody calls back|no one calls back|nobody answers|no one answers|' +
            'no response|never called back|never heard back|too many texts|too many messages|so many texts|' +
            'so many messages|enough already|every single day|texting me so|text me so|messaging me so|so late|' +
            'so early|this early|this late|in the middle of the night|fell apart|came apart|poor quality|' +
            'terrible quality|bad quality|cheap quality|cancelled without|canceled without|without notice|' +
            'was promised|you promised|want a refund|where is my refund|my refund|waste of money|waste of time|' +
            'complaint|file a complaint|speak to a manager|talk to a manager|smh|wtf|bs',
        ),
        keywords: list('😡|🤬|😠|😤|👿|💢|🙄'),
        patterns: [
          '\\b(?:text|txt|message|msg)(?:ing)?(?: me| us)? (?:before|after|at) \\d',
          '\\b(?:\\d+(?:st|nd|rd|th)|second|third|fourth|fifth|\\d+) (?:text|message|msg)s? (?:today|this week|in a row)\\b',
          '\\bcalled (?:\\d+|two|three|four|five|several|many) times\\b',
          '\\bits been (?:\\d+|two|three|four|five|several) (?:days|weeks|months)\\b',
          '\\bwrong [a-z]+ again\\b',
        ],
      },
      es: {
        phrases: list(
          'pesimo|pesima|pesimo servicio|malisimo|malisima|mal servicio|que mal|muy mal|horrible|terrible|' +
            'molesto|molesta|muy molesto|muy molesta|enojado|enojada|harto|harta|me tienen harto|me tienen harta|' +
            'decepcionado|decepcionada|roto|rota|llego roto|llego rota|danado|danada|defectuoso|no funciona|' +
            'no ha llegado|no me ha llegado|no me llego|nunca llego|sigo esperando|llevo una hora|llevo horas|' +
            'llevo dias|llevo semanas|nadie me contesta|nadie contesta|nadie responde|me cobraron dos veces|' +
            'cobraron doble|cobro doble|me cobraron de mas|reembolso|mi reembolso|articulo equivocado|' +
            'producto equivocado|pedido equivocado|me mandaron otro|incompleto|incompleta|tan temprano|tan tarde|' +
            'a estas horas|tantos mensajes|muchos mensajes|demasiados mensajes|fraude|estafa|queja|reclamo|' +
            'una verguenza|que verguenza',
        ),
      },
    },
    ready_to_buy: {
      precedence: 85,
      confidence: 0.9,
      negatable: true,
      en: {
        phrases: list(
          'ill take it|i will take it|ill take them|ill take one|ill take two|take my money|want to order|' +
            'wanna order|want to buy|wanna buy|like to buy|like to order|want to purchase|like to purchase|' +
            'ready to buy|ready to order|ready to purchase|ready to sign|ready to go ahead|ready to move forward|' +
            'move forward with|lets move forward|go ahead with|lets go ahead|sign me up|where do i sign|' +
            'send the contract|send me the contract|send over the contract|send the agreement|send the invoice|' +
            'send me the invoice|send an invoice|invoice me|payment link|pay link|checkout link|link to pay|' +
            'link to buy|how do i pay|how can i pay|can i pay|ill pay|i will pay|pay today|pay now|pay with card|' +
            'pay by card|take payment|place the order|place an order|place my order|put in an order|' +
            'add it to my order|add to my order|add one to my order|put me down for|reserve one|reserve it|' +
            'reserve me|hold one|hold them|hold it for me|hold one for me|ill buy|i will buy|im buying|' +
            'ill order|i will order|ordering now|buying now|how do i checkout|how do i check out|check out now|' +
            'i want it|i want one|i want two|i want them|i need one|gonna grab|going to grab|ill grab|' +
            'count me in for|lock it in|lock in the|book it|im sold|sold me',
        ),
        keywords: list('checkout'),
        patterns: [
          '\\bill take (?:the|a|an|\\d+|both|all)\\b(?! (?:look|call|minute|second|peek|chance|day)\\b)',
          '\\blets do (?:the )?(?:annual|yearly|monthly|pro|basic|premium|plus|starter|team|business|enterprise)\\b',
          '\\bwant (?:to order|to buy|to get) (?:\\d+|two|three|one|a|the)\\b',
        ],
      },
      es: {
        phrases: list(
          'lo quiero|la quiero|los quiero|las quiero|quiero comprar|quiero comprarlo|quiero comprarla|' +
            'quiero ordenar|quiero pedir|quiero hacer el pedido|quiero hacer un pedido|hacer el pedido|' +
            'hacer un pedido|me lo llevo|me la llevo|me los llevo|me las llevo|lo compro|la compro|los compro|' +
            'las compro|como pago|como le pago|como les pago|donde pago|link de pago|liga de pago|enlace de pago|' +
            'para pagar|quiero pagar|apartame|apartenme|aparteme|me lo apartas|me lo aparta|quiero apartar|' +
            'quiero contratar|contratar el plan|acepta tarjeta|aceptan tarjeta|mandame la factura|' +
            'mandenme la factura|enviame la factura|quiero uno|quiero dos|quiero tres',
        ),
      },
    },
    meeting_request: {
      precedence: 80,
      confidence: 0.9,
      negatable: true,
      en: {
        phrases: list(
          'can we talk|can we meet|can we chat|can we speak|can we hop on|can we jump on|can we do a call|' +
            'can we set up|can we schedule|can we reschedule|could we talk|could we meet|could we chat|' +
            'could we push|could we move|lets talk|lets meet|lets chat|lets set up|lets schedule|lets do a call|' +
            'lets hop on|lets jump on|lets connect|set up a call|set up a meeting|set up a time|set up a demo|' +
            'schedule a call|schedule a meeting|schedule a demo|schedule the meeting|schedule a time|' +
            'book a demo|book a call|book a meeting|book an appointment|book me|book me in|make an appointment|' +
            'call me|call me back|call back|give me a call|give me a ring|give me a buzz|ring me|phone me|' +
            'reach out to me|call whenever|call anytime|hop on a call|jump on a call|get on a call|' +
            'quick call|for a call|do a call|on a call|a phone call|stop by|swing by|come by|drop by|pop in|' +
            'pop by|come see|come in to|come into|want to come in|can i come in|visit the store|visit the showroom|' +
            'visit your|meet up|meet you|meet with|see you|calendar link|calendar invite|send me an invite|' +
            'send an invite|send me a link to book|walkthrough|walk through|go over the|good time to talk|' +
            'good time to call|time to talk|time to chat|when are you free|when is a good time|what time works|' +
            'what times work|what times do you have|what time can|are you free|free for|im free|im around|' +
            'available for a call|available to talk|can i stop by|can i swing by|can i come by|can i drop by|' +
            'can i visit|push our appointment|move our appointment|move our meeting|push our meeting',
        ),
        keywords: list(
          'meeting|meet|demo|appointment|appt|zoom|facetime|reschedule|consultation|consult|fitting|call|calls',
        ),
        patterns: [
          `\\b${DAY} (?:at |around |@ |after |before |by )?${TIME}\\b`,
          `\\b(?:talk|chat|call|meet|speak|talking|meeting) (?:[a-z]+ ){0,3}${DAY}\\b`,
          `\\b(?:can|could) we do ${DAY}\\b`,
          '\\b(?:i have|ive got|got) (?:a few|\\d+|fifteen|ten|thirty|five) (?:min|mins|minutes)\\b',
        ],
      },
      es: {
        phrases: list(
          'podemos hablar|podriamos hablar|hablamos|hablemos|llamame|llamenme|llameme|me puede llamar|' +
            'me pueden llamar|me puedes llamar|me llamas|me llaman|me llama|marcame|marqueme|marquenme|' +
            'me marcas|me marca|me marcan|una llamada|videollamada|agendar|agendemos|agendar una cita|cita|' +
            'reunion|reunirnos|vernos|nos vemos|pasar a la tienda|puedo pasar|puedo ir|podemos ir|' +
            'ir a la tienda|visitarlos|demostracion|a que hora puedo|que dia puedo|cuando puedo ir|' +
            'cuando puedo pasar|a que hora nos vemos',
        ),
        keywords: list('cita|reunion|videollamada|llamame|llamenme|marcame|agendar|agendemos|demo|zoom'),
        patterns: [`\\b${DIA} (?:a las |como a las |tipo )${TIME}\\b`],
      },
    },
    purchase_blocker: {
      precedence: 70,
      confidence: 0.85,
      reasons: [
        {
          reason: 'size',
          en: {
            phrases: list(
              'size|sizes|sizing|size chart|size guide|what size|which size|true to size|run small|runs small|' +
                'run big|runs big|run large|runs large|fit small|fits small|fit big|fits big|too small|too big|' +
                'too tight|too loose|too short|too long|bigger size|smaller size|larger size|next size up|' +
                'between sizes|petite|plus size|wide fit|inseam|waist|length|dimensions|how wide|how tall|' +
                'how big|will it fit|does it fit|would it fit|will they fit|do they fit|how does it fit|' +
                'how do they fit',
            ),
            patterns: [
              `\\b(?:come|comes|coming|have it|have them|have this|have these|have those|have one|got it|got this|got these|got them|got one|available|get it|get them|get one|carry it|make it|in stock) in (?:a |an )?(?:size )?${SIZE}\\b`,
              `\\bdo you (?:have|carry|make) (?:a |an |the )?(?:size )?(?:xxs|xs|xl|xxl|xxxl|2xl|3xl|4xl|petite)\\b`,
              `\\bbetween (?:a |an )?(?:size )?${SIZE} and\\b`,
              '\\b(?:xxs|xs|xl|xxl|xxxl|2xl|3xl|4xl|petite|size \\d{1,2}) (?:in stock|available|sold out|left|back)\\b',
              '\\bwill (?:the|this|it|these|that) (?:[a-z]+ )?fit\\b',
              '\\bfits? (?:a|an|my)\\b',
            ],
          },
          es: {
            phrases: list(
              'talla|tallas|medida|medidas|me queda chico|me queda chica|me queda grande|me queda apretado|' +
                'queda chico|queda chica|queda grande|talla mas grande|talla mas chica|talla grande|talla chica|' +
                'horma|cuanto mide|que tamano|tamano|tamanos',
            ),
            patterns: [
              `\\b(?:viene|vienen|tienen|tiene|hay) (?:en )?(?:talla )?(?:xs|xl|xxl|chica|mediana|grande)\\b`,
            ],
          },
        },
        {
          reason: 'shipping',
          en: {
            phrases: list(
              'shipping|ship|ships|shipment|delivery|deliver|delivered|deliveries|po box|overnight|expedited|' +
                'express shipping|freight|arrive by|arrive before|arrive in time|get it by|get here by|need it by|' +
                'in time for|ship to|ship overnight|free shipping|shipping cost|postage|tracking|transit|' +
                'how long to get|how long does it take to get|how long will it take',
            ),
            patterns: ['\\bwill (?:it|they|this|these) (?:arrive|get here|be here)\\b'],
          },
          es: {
            phrases: list(
              'envio|envios|envian|envias|hacen envios|mandan a|llega|llegaria|llegan|tarda|tardan|tarda en llegar|' +
                'entrega|entregan|a domicilio|paqueteria|costo de envio|envio gratis|cuanto tarda|cuando llega',
            ),
          },
        },
        {
          reason: 'availability',
          en: {
            phrases: list(
              'in stock|back in stock|out of stock|sold out|still available|available|availability|any left|' +
                'have any left|any more of|do you have the|do you have it in|do you have any|restock|restocked|' +
                'back in|do you carry|in store|still have|still got|left in|come in|comes in|is it available|' +
                'available yet|when will it be back|be back in',
            ),
            patterns: [
              `\\b(?:come|comes|have it|have them|have this|have one|available|get it|get one) in (?:a |an )?${COLOR}\\b`,
              `\\b(?:the )?${COLOR} (?:one|ones) (?:be )?back\\b`,
            ],
          },
          es: {
            phrases: list(
              'disponible|disponibles|agotado|agotada|agotados|agotadas|hay disponible|hay en|tienen en|' +
                'todavia tienen|todavia hay|aun tienen|aun hay|ya no hay|vuelven a tener|cuando vuelven|' +
                'cuando les llega|existencia|existencias|inventario|quedan|les quedan|hay de',
            ),
            patterns: [`\\b(?:hay|tienen|tiene|viene|vienen) (?:en |el |la |de )?${COLOR}\\b`],
          },
        },
        {
          reason: 'price',
          en: {
            phrases: list(
              'too expensive|so expensive|pretty expensive|expensive|too pricey|pricey|cant afford|cannot afford|' +
                'afford|out of my budget|over my budget|over budget|out of budget|not in the budget|budget|' +
                'cheaper|too much|too high|steep|cant swing|swing that|cant justify|costs too much|overpriced|' +
                'out of my price range|price range|what we can spend|cant spend|not worth the price|' +
                'price is too|a lot of money|lot of money|money is tight|broke right now',
            ),
            patterns: ['\\bif it (?:were|was) (?:under|less|cheaper|below)\\b'],
          },
          es: {
            phrases: list(
              'caro|cara|caros|caras|muy caro|muy cara|esta caro|carisimo|no me alcanza|alcanza|presupuesto|' +
                'mas barato|mas barata|barato|barata|no tengo dinero|no tengo para|fuera de mi presupuesto|' +
                'no puedo pagar|no puedo pagarlo',
            ),
          },
        },
      ],
    },
    pricing: {
      precedence: 60,
      confidence: 0.87,
      en: {
        phrases: list(
          'how much|hw much|how mutch|price|prices|pricing|price list|price match|cost|costs|quote|quotes|' +
            'rates|discount|discounts|promo|promos|promo code|coupon|coupons|coupon code|deal on|any deals|' +
            'monthly fee|annual fee|fee|fees|per month|per seat|per user|per license|run me|down to|on sale|' +
            'sale price|what does it cost|what would it cost|what do you charge|how much do you charge|' +
            'cost per|subscription cost|estimate|ballpark',
        ),
        keywords: list('$|€|£'),
      },
      es: {
        phrases: list(
          'cuanto cuesta|cuanto cuestan|cuanto sale|cuanto salen|cuanto es|cuanto son|cuanto por|cuanto cobran|' +
            'cuanto cobras|cuanto vale|cuanto valen|cuanto seria|en cuanto|que precio|precio|precios|costo|costos|' +
            'cotizacion|cotizar|descuento|descuentos|promocion|promociones|oferta|ofertas|me lo dejas|me la dejas|' +
            'mensualidad|cuota',
        ),
        patterns: ['^cuanto(?: \\?)?$'],
      },
    },
    help: {
      precedence: 55,
      confidence: 0.85,
      en: {
        phrases: list(
          'i need help|need help|need some help|help please|please help|help pls|help plz|can someone help|' +
            'can somebody help|can you help|could you help|can anyone help|help me|i need assistance|' +
            'need assistance|talk to support|contact support',
        ),
      },
      es: {
        phrases: list(
          'necesito ayuda|ayuda por favor|ayuda porfa|ayudame|ayudenme|ayudeme|me pueden ayudar|me puedes ayudar|' +
            'me puede ayudar|me ayudan|me ayudas|quiero ayuda',
        ),
        patterns: ['^ayuda(?: [.?])?$'],
      },
    },
    question: {
      precedence: 50,
      confidence: 0.75,
      en: {
        phrases: list(
          'questioned|question|questions|quick question|wondering|curious|not sure how|what is this',
        ),
        patterns: [
          '\\?',
          '^(?:who|whos|what|whats|when|whens|where|wheres|why|how|hows|which|is|are|do|does|did|can|could|will|would|should|any|anyone)\\b',
        ],
      },
      es: {
        phrases: list('pregunta|una pregunta|duda|dudas|tengo una duda|tengo dudas'),
        patterns: [
          '^(?:q|que|quien|quienes|cual|cuales|cuando|donde|de donde|adonde|como|por que|porque|cuanto|cuanta|cuantos|cuantas|se puede|tienen|hay|puedo|pueden|es|son)\\b',
        ],
      },
    },
    negative: {
      precedence: 40,
      confidence: 0.82,
      en: {
        phrases: list(
          'nope|nah|nay|no thanks|no thank you|no thx|no ty|not interested|no longer interested|not now|' +
            'not right now|not at this time|not at the moment|not today|not this time|not for me|not for us|' +
            'not really|maybe later|maybe next year|maybe next month|maybe next time|some other time|' +
            'im good|i am good|were good|we are good|im ok|all set|im all set|were all set|already have|' +
            'already got|already bought|already purchased|already renewed|already signed|went with|going with|' +
            'decided against|decided to go with|decided not to|not looking|dont need|do not need|no need|' +
            'no longer need|ill pass|i pass|hard pass|pass for now|ill skip|happy with our current|' +
            'happy with what we have|happy with our|check back|reach out if|dont call|do not call|' +
            'not buying|not going to|wont be|dont want|do not want|unfollow|pass',
        ),
        keywords: list('👎|disliked'),
        patterns: [
          '(?:^|[.?] )(?:no|nope|nah|nahh)(?: (?:thanks|thank you|thx|ty|way|sir|maam))*(?= [.?]|$)',
        ],
      },
      es: {
        phrases: list(
          'no gracias|no muchas gracias|no me interesa|ya no me interesa|no estoy interesado|no estoy interesada|' +
            'no nos interesa|ahora no|por ahora no|ahorita no|tal vez despues|tal vez luego|tal vez mas adelante|' +
            'quizas despues|quizas luego|mas adelante|ya tengo|ya tenemos|ya compre|ya lo compre|ya no|' +
            'no lo necesito|no la necesito|no necesito|no por el momento|por el momento no|no por ahora|' +
            'estoy bien asi|estamos bien asi|paso|nel|nop|nones|para nada|no quiero',
        ),
        patterns: ['(?:^|[.?] )no(?: (?:gracias|senor|senora|senorita))*(?= [.?]|$)'],
      },
    },
    positive: {
      precedence: 30,
      confidence: 0.8,
      negatable: true,
      en: {
        phrases: list(
          'sounds good|sounds great|sounds perfect|works for me|that works|tell me more|more info|send more info|' +
            'send me more info|send info|got it|no problem|no problemo|no prob|no worries|not a problem|' +
            'count me in|im in|lets do it|cant wait|thank you|thanks so much|much appreciated|looks great|' +
            'looks good|love it|love this|love them|well done|great service|good service|will do|for sure|' +
            'of course|sure thing|yes please|interested|very interested|im interested',
        ),
        keywords: list(
          'yes|yea|yeah|yep|yup|yah|ye|yas|sure|ok|okay|okey|k|kk|great|awesome|perfect|thanks|thank|thx|ty|' +
            'tysm|cool|nice|love|loved|liked|amazing|excellent|absolutely|definitely|glad|appreciate|' +
            'appreciated|wonderful|fantastic|good|bet|np|sweet|lovely|brilliant|exactly|agreed|deal|done|' +
            '👍|👌|🙌|❤|♥|😍|😊|🙂|😀|😁|😃|💯|🔥|👏|✅|✔|🥰|🤩|😎|🤝|💪|🎉',
        ),
      },
      es: {
        phrases: list(
          'claro que si|de acuerdo|me encanta|me encantan|me interesa|si me interesa|me gusta|me gustan|' +
            'cuentame mas|cuenteme mas|mas info|mas informacion|muchas gracias|mil gracias|no hay problema|' +
            'no hay bronca|va que va|me parece bien|esta bien|muy bien|excelente servicio',
        ),
        keywords: list(
          'si|claro|va|dale|sale|perfecto|perfecta|gracias|genial|excelente|super|listo|orale|vale|bueno|' +
            'buenisimo|padre|chido|increible',
        ),
      },
    },
  },
};
