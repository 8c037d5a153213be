/**
 * North American Numbering Plan (+1) geographic area codes and the IANA time zone of each:
 * the United States, Canada and the Caribbean and Pacific members all share country code 1,
 * so only the area code tells where a number is. An area code that spans zones (850 in the
 * Florida panhandle, 270 in Kentucky, 605 in South Dakota, 208 in Idaho) maps to the zone most
 * of its population lives in. Covers every geographic area code libphonenumber-js accepts,
 * recent overlays included (942 Toronto, 738 Los Angeles, 329 Hudson Valley), except 273
 * (Canada, region unconfirmed); non-geographic codes (toll-free 8xx, 5xx, 600, 900) have no zone.
 * @see https://nationalnanpa.com/
 */
const AREA_CODES_BY_ZONE: ReadonlyArray<readonly [zone: string, areaCodes: readonly string[]]> = [
  [
    'America/New_York',
    [
      '203 475 860 959', // Connecticut
      '302', // Delaware
      '202 771', // District of Columbia
      '239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954', // Florida peninsula
      '229 404 470 478 678 706 762 770 912 943', // Georgia
      '260 317 463 574 765 812 930', // Indiana (all but the northwest corner)
      '502 606 859', // Kentucky (east)
      '207', // Maine
      '227 240 301 410 443 667', // Maryland
      '339 351 413 508 617 774 781 857 978', // Massachusetts
      '231 248 269 313 517 586 616 734 810 906 947 989', // Michigan
      '603', // New Hampshire
      '201 551 609 640 732 848 856 862 908 973', // New Jersey
      '212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934', // New York
      '252 336 472 704 743 828 910 919 980 984', // North Carolina
      '216 220 234 283 326 330 380 419 440 513 567 614 740 937', // Ohio
      '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878', // Pennsylvania
      '401', // Rhode Island
      '803 821 839 843 854 864', // South Carolina
      '423 865', // Tennessee (east)
      '802', // Vermont
      '276 434 540 571 686 703 757 804 826 948', // Virginia
      '304 681', // West Virginia
    ],
  ],
  [
    'America/Chicago',
    [
      '205 251 256 334 659 938', // Alabama
      '327 479 501 870', // Arkansas
      '448 850', // Florida panhandle (Pensacola to Panama City; Tallahassee is Eastern)
      '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872', // Illinois
      '219', // Indiana (northwest: Gary, Lake and Porter counties)
      '319 515 563 641 712', // Iowa
      '316 620 785 913', // Kansas
      '270 364', // Kentucky (west)
      '225 318 337 504 985', // Louisiana
      '218 320 507 612 651 763 952', // Minnesota
      '228 601 662 769', // Mississippi
      '235 314 417 557 573 636 660 816 975', // Missouri
      '308 402 531', // Nebraska
      '701', // North Dakota
      '405 539 572 580 918', // Oklahoma
      '605', // South Dakota
      '615 629 731 901 931', // Tennessee (middle and west)
      '210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979', // Texas
      '262 274 353 414 534 608 715 920', // Wisconsin
    ],
  ],
  [
    'America/Denver',
    [
      '303 719 720 748 970 983', // Colorado
      '406', // Montana
      '505 575', // New Mexico
      '915', // Texas (El Paso)
      '385 435 801', // Utah
      '307', // Wyoming
    ],
  ],
  ['America/Boise', ['208 986']], // Idaho (the panhandle is Pacific)
  ['America/Phoenix', ['480 520 602 623 928']], // Arizona: no daylight saving time
  [
    'America/Los_Angeles',
    [
      '209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669', // California
      '707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951', // California
      '702 725 775', // Nevada
      '458 503 541 971', // Oregon
      '206 253 360 425 509 564', // Washington
    ],
  ],
  ['America/Anchorage', ['907']], // Alaska
  ['Pacific/Honolulu', ['808']], // Hawaii
  [
    'America/Toronto',
    [
      '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942', // Ontario
      '263 354 367 418 438 450 468 514 579 581 819 873', // Quebec
    ],
  ],
  ['America/Winnipeg', ['204 431 584']], // Manitoba
  ['America/Regina', ['306 474 639']], // Saskatchewan: no daylight saving time
  ['America/Edmonton', ['368 403 587 780 825', '867']], // Alberta; Yukon, Northwest Territories, Nunavut
  ['America/Vancouver', ['236 250 257 604 672 778']], // British Columbia
  ['America/Halifax', ['782 902', '428 506']], // Nova Scotia and Prince Edward Island; New Brunswick
  ['America/St_Johns', ['709 879']], // Newfoundland and Labrador
  ['America/Puerto_Rico', ['787 939']],
  ['America/St_Thomas', ['340']], // US Virgin Islands
  ['Pacific/Guam', ['671']],
  ['Pacific/Saipan', ['670']], // Northern Mariana Islands
  ['Pacific/Pago_Pago', ['684']], // American Samoa
  ['America/Nassau', ['242']], // Bahamas
  ['America/Barbados', ['246']],
  ['America/Anguilla', ['264']],
  ['America/Antigua', ['268']], // Antigua and Barbuda
  ['America/Tortola', ['284']], // British Virgin Islands
  ['America/Cayman', ['345']],
  ['Atlantic/Bermuda', ['441']],
  ['America/Grenada', ['473']],
  ['America/Grand_Turk', ['649']], // Turks and Caicos
  ['America/Jamaica', ['658 876']],
  ['America/Montserrat', ['664']],
  ['America/Lower_Princes', ['721']], // Sint Maarten
  ['America/St_Lucia', ['758']],
  ['America/Dominica', ['767']],
  ['America/St_Vincent', ['784']], // Saint Vincent and the Grenadines
  ['America/Santo_Domingo', ['809 829 849']], // Dominican Republic
  ['America/Port_of_Spain', ['868']], // Trinidad and Tobago
  ['America/St_Kitts', ['869']], // Saint Kitts and Nevis
];

function byAreaCode(): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [zone, groups] of AREA_CODES_BY_ZONE) {
    for (const code of groups.join(' ').split(' ')) {
      if (map.has(code)) throw new Error(`area code ${code} is listed twice (${map.get(code)}, ${zone})`);
      map.set(code, zone);
    }
  }
  return map;
}

/** Area code (3 digits) -> IANA time zone, for every geographic NANP area code. */
export const NANP_TIME_ZONES: ReadonlyMap<string, string> = byAreaCode();
