// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title RevertingToken
/// @notice Every ERC-20 function reverts with the reason "RevertingToken: <function>".
///         Used to test metadata/balance fallbacks against hostile or broken tokens.
contract RevertingToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    // Read (views) or written (state-changing functions) before reverting so that each function
    // keeps its standard ERC-20 state mutability in the ABI without compiler warnings.
    uint256 private _touched;

    function name() external view returns (string memory) {
        _failView("name");
    }

    function symbol() external view returns (string memory) {
        _failView("symbol");
    }

    function decimals() external view returns (uint8) {
        _failView("decimals");
    }

    function totalSupply() external view returns (uint256) {
        _failView("totalSupply");
    }

    function balanceOf(address) external view returns (uint256) {
        _failView("balanceOf");
    }

    function allowance(address, address) external view returns (uint256) {
        _failView("allowance");
    }

    function transfer(address, uint256) external returns (bool) {
        _fail("transfer");
    }

    function transferFrom(address, address, uint256) external returns (bool) {
        _fail("transferFrom");
    }

    function approve(address, uint256) external returns (bool) {
        _fail("approve");
    }

    function _failView(string memory fn) private view {
        if (_touched == type(uint256).max) fn = "?"; // never true; keeps the function `view`
        revert(string.concat("RevertingToken: ", fn));
    }

    function _fail(string memory fn) private {
        _touched += 1;
        revert(string.concat("RevertingToken: ", fn));
    }
}
