export declare const CSP: string;
export declare const META_CSP: string;
